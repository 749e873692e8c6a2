import { expect, type Page } from '@playwright/test';

/** 考试设置/导入 as the office uses it (page object). */
export class SetupPage {
  constructor(readonly page: Page) {}

  async openStandalone(): Promise<void> {
    await this.page.getByTestId('open-setup').click();
    await expect(this.page.getByTestId('exam-setup')).toBeVisible();
  }

  async section(id: 'plan' | 'rooms' | 'roster' | 'photos' | 'staff' | 'print' | 'package'): Promise<void> {
    await this.page.getByTestId(`setup-section-${id}`).click();
  }

  async chooseFile(testId: string, name: string, bytes: Uint8Array, mimeType = 'application/octet-stream'): Promise<void> {
    await this.page.getByTestId(testId).setInputFiles({ name, mimeType, buffer: Buffer.from(bytes) });
  }

  get outcome() {
    return this.page.getByTestId('setup-outcome');
  }
}
