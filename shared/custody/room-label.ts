/** How a message names a room: the core passes the room's own name (第2考场, 计算机教室) from the day's rooms. */
export type RoomLabel = (roomNo: string) => string;

/** Without the day's rooms (tests, a room the day does not define): 第2考场 for "02", 第A3考场 for "A3". */
export const plainRoomLabel: RoomLabel = (roomNo) => (/^\d+$/.test(roomNo) ? `第${Number(roomNo)}考场` : `第${roomNo}考场`);

/** A message's lead-in naming the bag's room: "第2考场" before the bag in Chinese, "第2考场: " in English, nothing for no room. */
export const roomPrefixParams = (roomNo: string | null, roomLabel: RoomLabel): { room: string; roomEn?: string } =>
  roomNo ? { room: roomLabel(roomNo), roomEn: `${roomLabel(roomNo)}: ` } : { room: '' };
