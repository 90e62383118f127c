import { Browser, expect, Page, test } from "@playwright/test";
import { hydrated, login, watchErrors } from "./helpers";

// The whole multi-rater journey, once in Indonesian (Kota Manna) and once in English
// (Kota Makassar): HR opens a campaign for the puskesmas, the nurse rates herself,
// her supervisor and her peers rate her, HR closes it, and the nurse reads her radar
// chart and her peers' comments without their names.

const TEXT = {
  id: {
    create: "Buat dan tetapkan penilai", start: "Mulai penilaian", running: "Berjalan",
    yourself: "Diri sendiri", send: "Kirim penilaian", sent: "Penilaian terkirim",
    supervisor: "Atasan", close: "Tutup dan hitung hasil", closing: "Penutupan dimulai", closed: "Ditutup",
    anonymousPeer: "Rekan sejawat (anonim)", gap: "Kesenjangan per kompetensi", addPeer: "Tambahkan",
  },
  en: {
    create: "Create and assign raters", start: "Start the campaign", running: "Running",
    yourself: "Yourself", send: "Send assessment", sent: "Assessment sent",
    supervisor: "Supervisor", close: "Close and compute results", closing: "Closing has started", closed: "Closed",
    anonymousPeer: "Peer (anonymous)", gap: "Gap per competency", addPeer: "Add",
  },
};

const RUNS = [
  { lang: "id" as const, hr: "hr.manna", nurse: "pegawai.manna", unit: "Puskesmas Kota Manna" },
  { lang: "en" as const, hr: "hr.makassar", nurse: "pegawai.makassar", unit: "Puskesmas Kota Makassar" },
];

function day(offset: number): string {
  const d = new Date(Date.now() + offset * 86_400_000);
  return d.toISOString().slice(0, 10);
}

async function open(browser: Browser, lang: string, account: string, next: string): Promise<Page> {
  const ctx = await browser.newContext();
  await ctx.addCookies([{ name: "lang", value: lang, url: process.env.CAKAP_URL ?? "http://127.0.0.1:3000" }]);
  const page = await ctx.newPage();
  await login(page, account, next);
  return page;
}

/** Picks one level for every competency, writes a comment, and sends the form. */
async function fill(page: Page, level: number, comment: string, send: string, sent: string) {
  const questions = page.locator("fieldset.question");
  await expect(questions.first()).toBeVisible();
  const n = await questions.count();
  for (let q = 0; q < n; q++) {
    await questions.nth(q).locator("label.level-choice").nth(level - 1).click();
  }
  await questions.first().locator("textarea").fill(comment);
  await page.getByRole("button", { name: send }).click();
  await expect(page.getByText(sent)).toBeVisible();
}

for (const run of RUNS) {
  const t = TEXT[run.lang];
  test(`raters fill their forms, HR closes, the nurse reads her dashboard (${run.lang})`, async ({ browser }) => {
    test.setTimeout(240_000);
    const hr = await open(browser, run.lang, run.hr, "/hr/campaigns/new");
    const hrErrors = watchErrors(hr);
    const name = `E2E ${run.lang} ${Date.now()}`;
    await hr.locator("#name").fill(name);
    await hr.locator("#starts_on").fill(day(0));
    await hr.locator("#ends_on").fill(day(14));
    await hr.getByLabel(run.unit, { exact: true }).check();
    await hr.getByRole("button", { name: t.create }).click();
    await hr.waitForURL(/\/hr\/campaigns\/\d+$/);
    // The rater lists are prepared by a background job; the page shows the campaign
    // as a draft (with its start button and raters) once they are ready.
    await expect(hr.getByRole("button", { name: t.start })).toBeVisible();
    const campaignUrl = hr.url();
    const nurse = await open(browser, run.lang, run.nurse, "/assess");
    const nurseName = (await nurse.locator(".userbox-name").textContent())!.trim();

    // Before the start, the nurse's supervisor swaps one of her peers: removes one,
    // then adds a colleague from the list offered.
    let planned = false;
    for (const nip of await hr.locator(".people-list .nip").allTextContents()) {
      const page = await open(browser, run.lang, nip, "/assess");
      const pageErrors = watchErrors(page);
      const plan = page.locator("article.card", { has: page.locator("h3", { hasText: nurseName }) })
        .filter({ hasText: name });
      if ((await plan.count()) > 0) {
        const peers = plan.locator(".people-list li");
        const before = await peers.count();
        await peers.first().getByRole("button").click();
        await expect(peers).toHaveCount(before - 1);
        await plan.locator("select").selectOption({ index: 0 });
        await plan.getByRole("button", { name: t.addPeer }).click();
        await expect(peers).toHaveCount(before);
        expect(pageErrors).toEqual([]);
        planned = true;
      }
      await page.context().close();
      if (planned) break;
    }
    expect(planned).toBe(true);

    await hr.getByRole("button", { name: t.start }).click();
    await expect(hr.locator(".stat-n").first()).toHaveText(t.running);
    const nips = await hr.locator(".people-list .nip").allTextContents();
    expect(nips.length).toBeGreaterThan(4);

    // The nurse rates herself.
    await nurse.goto("/assess");
    await hydrated(nurse);
    await nurse.locator(".todo-item", { hasText: name }).getByRole("link", { name: t.yourself }).click();
    await hydrated(nurse);
    // Sending with levels missing marks them and keeps what she already chose.
    const first = nurse.locator("fieldset.question").first();
    await first.locator("label.level-choice").nth(3).click();
    await nurse.getByRole("button", { name: t.send }).click();
    await expect(nurse.locator("fieldset.question.field-invalid").first()).toBeVisible();
    await expect(first.locator("input[type=radio]").nth(3)).toBeChecked();
    await fill(nurse, 4, "Saya sudah berusaha.", t.send, t.sent);

    // Every rater with a form about her fills it: the supervisor gives 2, peers 3.
    const peerComments: string[] = [];
    for (const nip of nips) {
      const page = await open(browser, run.lang, nip, "/assess");
      const links = page.locator(".todo-item", { hasText: name }).getByRole("link", { name: nurseName, exact: true });
      if ((await links.count()) === 0) {
        await page.context().close();
        continue;
      }
      await links.first().click();
      await hydrated(page);
      const subtitle = (await page.locator(".subtitle").textContent()) ?? "";
      const isSupervisor = subtitle.includes(t.supervisor);
      const comment = isSupervisor ? `Arahan atasan ${nip.slice(-3)}` : `Masukan rekan ${nip.slice(-3)}`;
      if (!isSupervisor) peerComments.push(comment);
      await fill(page, isSupervisor ? 2 : 3, comment, t.send, t.sent);
      await page.context().close();
    }
    expect(peerComments.length).toBe(3);

    // HR closes the campaign.
    await hr.goto(campaignUrl);
    await hydrated(hr);
    // Closing cannot be undone: it asks for a ticked confirmation first.
    await hr.locator("input[name=confirm]").check();
    await hr.getByRole("button", { name: t.close }).click();
    // Closing runs in the background: the page says it started, shows the job's bar,
    // and shows the campaign closed once the job is done (without a reload).
    await expect(hr.getByText(t.closing)).toBeVisible();
    await expect(hr.locator(".stat-n").first()).toHaveText(t.closed, { timeout: 30_000 });
    expect(hrErrors).toEqual([]);

    // The nurse's dashboard: this campaign, a radar chart, the gap table, and her
    // peers' comments marked anonymous.
    await nurse.goto("/dashboard");
    await hydrated(nurse);
    await expect(nurse.locator(".chip-on")).toHaveText(name);
    await expect(nurse.getByTestId("radar").locator("svg")).toBeVisible();
    await expect(nurse.getByRole("heading", { name: t.gap })).toBeVisible();
    const feedback = nurse.getByTestId("feedback");
    for (const c of peerComments) {
      await expect(feedback.locator("li", { hasText: c })).toContainText(t.anonymousPeer);
    }
    await expect(feedback.locator("li", { hasText: "Arahan atasan" })).toContainText(`${t.supervisor} · `);
  });
}
