import { runCenterCommand } from './center-command';
import { runRosterCommand } from './roster-command';
import { runTimetableCommand } from './timetable-command';
import { runVerifyArchiveCommand } from './verify-archive-command';
import { runVerifyCommand } from './verify-command';

const USAGE = [
  'ExamDay 考务现场 — 命令行 / command line',
  '  examday timetable --start HH:MM --end HH:MM [--json]   按附件5计算考试日时间表',
  '  examday verify --data 数据目录 [--json]                  只读审计数据目录（退出码 0 完好，1 被改动，2 无法读取）',
  '  examday verify-archive 存档.zip [--center-key 公钥] [--json]   离线核对考试日存档（退出码同 verify）',
  '  examday roster check 文件 [--plan 计划.json] [--capacity N] [--json]   逐行检查考生名单（.xlsx/.csv）',
  '  examday center add-user|issue-code …                     中心：添加用户、签发站点登记码（examday center help）',
].join('\n');

// verify is async: it checks signatures on a pool of worker threads.
const COMMANDS: Record<string, (argv: string[], out: (line: string) => void) => number | Promise<number>> = {
  timetable: runTimetableCommand,
  verify: runVerifyCommand,
  roster: runRosterCommand,
  center: runCenterCommand,
  'verify-archive': runVerifyArchiveCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    console.log(USAGE);
    return name === undefined || name === '--help' || name === 'help' ? 0 : 2;
  }
  return command(rest, (line) => console.log(line));
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
