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

  /** 开始新的考试日 in 考试日数据包, then ① the plan's text fields for the fixture's 保育师 day (not saved). */
  async startNewDay(organisation: string): Promise<void> {
    await this.section('package');
    await this.page.getByTestId('new-day').click();
    await expect(this.page.getByText('已开始新的考试日')).toBeVisible();
    await this.section('plan');
    await this.page.getByTestId('plan-organisation').fill(organisation);
    await this.page.getByTestId('plan-name').fill('20261125 保育师');
    await this.page.getByTestId('plan-address').fill('北京市海淀区测试路1号');
    await this.page.getByTestId('plan-occupation-0').fill('保育师');
  }

  get outcome() {
    return this.page.getByTestId('setup-outcome');
  }
}
