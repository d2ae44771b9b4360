// The report's CSV files opened in a spreadsheet, as the worker who passes
// them on would: LibreOffice Calc (Debian's, with no screen) gives back
// names in Arabic, Urdu, Polish and Welsh exactly, figures as numbers, and
// a first heading with no stray mark before it.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, expect, press, mainNav, addPerson } from './fixtures.mjs';

const heading = (page) => page.getByRole('heading', { level: 1 });
const AGREED = ['Keep their details in Kith', 'Include them in exported files'];
const MARYAM = 'مريم حداد';
const AISHA = 'عائشہ خان';
const ZOFIA = 'Zofia Wójcik';
const LUKASZ = 'Łukasz Żółć';
const SIAN = 'Siân Llŷr';
const GWENLLIAN = 'Gwenllïan ap Rhys';
const SEWING = 'sewing: خياطة للمبتدئين';
const WELSH = 'welsh: Gwersi Cymraeg, i ddechreuwyr';

/// How Calc reads the files. A person who opens one gets LibreOffice's Text
/// Import dialog, which sees the byte-order mark and picks UTF-8 (76), with
/// comma and double quote. With no screen there is no dialog, and Calc
/// given no options reads every CSV as Windows-1252, mark or not ("Zofia
/// WÃ³jcik", "ï»¿name"), so it is given what the dialog picks. Numbers as
/// in English (UK) (2057), so 2.33 is a number whatever this machine's
/// language.
const AS_OPENED = 'Text - txt - csv (StarCalc):44,34,76,1,,2057';

/// Hours given through Log > Record hours, as a worker records them.
async function recordHours(page, { giver, receivers, hours = '', minutes = '', counted, purpose }) {
  await press(mainNav(page).getByRole('link', { name: 'Log' }));
  await press(page.getByRole('link', { name: 'Record hours' }));
  await expect(heading(page)).toHaveText('Record hours');
  await page.getByLabel('Who gave the time').selectOption({ label: giver });
  const group = page.getByRole('group', { name: 'Who received it' });
  for (const name of receivers) await group.getByRole('checkbox', { name }).check();
  await page.getByLabel('Hours', { exact: true }).fill(hours);
  await page.getByLabel('Minutes', { exact: true }).fill(minutes);
  if (counted) await press(page.getByText(counted, { exact: true }));
  if (purpose) await page.getByLabel('For a gift or activity').selectOption({ label: purpose });
  await press(page.getByRole('button', { name: 'Save' }));
  await expect(page.getByTestId('saved')).toHaveText(/^Saved /);
}

/// Downloads a report table's CSV into `dir`, under the name Kith gives it.
async function download(page, what, dir) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    press(page.getByRole('link', { name: `Download ${what} as CSV` })),
  ]);
  const saved = path.join(dir, file.suggestedFilename());
  await file.saveAs(saved);
  return saved;
}

/// Runs LibreOffice with no screen, its own profile and a time limit.
function soffice(args, dir) {
  return new Promise((resolve, reject) => {
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    const run = spawn('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', ...args], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let said = '';
    run.stdout.on('data', (d) => (said += d));
    run.stderr.on('data', (d) => (said += d));
    // Its whole process group: soffice starts soffice.bin.
    const limit = setTimeout(() => process.kill(-run.pid, 'SIGKILL'), 60_000);
    run.on('error', (e) => {
      clearTimeout(limit);
      reject(e.code === 'ENOENT'
        ? new Error("LibreOffice is not installed (no soffice on PATH): scripts/test installs it (ensure_office), or install Debian's libreoffice-calc-nogui")
        : e);
    });
    run.on('close', (code, signal) => {
      clearTimeout(limit);
      if (code === 0) resolve(said);
      else reject(new Error(`soffice ${signal ? 'was stopped after 60 s' : `failed (${code})`}: ${said}`));
    });
  });
}

/// Opens CSV files in Calc and gives each file's sheet as rows, as Calc
/// holds them: a number for each cell it took as a number, else the text.
async function openInCalc(files, dir) {
  const out = path.join(dir, 'calc');
  await soffice([`--infilter=${AS_OPENED}`, '--convert-to', 'fods', '--outdir', out, ...files], dir);
  return Promise.all(files.map(async (f) =>
    sheetRows(await fs.readFile(path.join(out, `${path.basename(f, '.csv')}.fods`), 'utf8'))));
}

const XML_ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/// The rows of the first sheet of a flat OpenDocument spreadsheet, each
/// without its empty cells at the end.
function sheetRows(fods) {
  const table = fods.match(/<table:table [\s\S]*?<\/table:table>/)[0];
  const attr = (attrs, name) => attrs.match(new RegExp(`${name}="([^"]*)"`))?.[1];
  const text = (body) =>
    [...body.matchAll(/<text:p>([\s\S]*?)<\/text:p>/g)]
      .map(([, p]) => p.replace(/<text:s\/>/g, ' ').replace(/<[^>]+>/g, '').replace(/&(\w+);/g, (_, e) => XML_ENTITIES[e]))
      .join('\n');
  return [...table.matchAll(/<table:table-row\b[^>]*>([\s\S]*?)<\/table:table-row>/g)].map(([, row]) => {
    const cells = [...row.matchAll(/<table:table-cell\b([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-cell>)/g)]
      .flatMap(([, attrs, body = '']) => {
        const cell = attr(attrs, 'office:value-type') === 'float' ? Number(attr(attrs, 'office:value')) : text(body);
        return Array(Number(attr(attrs, 'table:number-columns-repeated') ?? 1)).fill(cell);
      });
    while (cells.at(-1) === '') cells.pop();
    return cells;
  });
}

test('hours among people named in Arabic, Urdu, Polish and Welsh: the CSVs open in LibreOffice with every name intact and figures as numbers', async ({ page }) => {
  test.slow();
  await addPerson(page, { name: MARYAM, gifts: [{ mode: 'Can offer', skills: 'sewing', words: 'خياطة للمبتدئين' }], agreed: AGREED });
  await addPerson(page, { name: GWENLLIAN, gifts: [{ mode: 'Can teach', skills: 'Welsh', words: 'Gwersi Cymraeg, i ddechreuwyr' }], agreed: AGREED });
  for (const name of [AISHA, ZOFIA, LUKASZ, SIAN]) await addPerson(page, { name, agreed: AGREED });
  await recordHours(page, { giver: MARYAM, receivers: [AISHA, ZOFIA], hours: '1', minutes: '30', purpose: `Can offer: ${SEWING}` });
  await recordHours(page, { giver: LUKASZ, receivers: [SIAN], minutes: '40' });
  await recordHours(page, { giver: GWENLLIAN, receivers: [MARYAM], hours: '2', minutes: '20', counted: 'Timebank exchange', purpose: `Can teach: ${WELSH}` });

  await press(mainNav(page).getByRole('link', { name: 'Log' }));
  await press(page.getByRole('link', { name: 'Reports' }));
  await expect(heading(page)).toHaveText('Reports');
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kith-spreadsheet-'));
  try {
    const files = [await download(page, 'hours', dir), await download(page, 'what the hours were for', dir)];
    for (const file of files) {
      // The mark a spreadsheet goes by: UTF-8's byte-order mark, first.
      expect([...(await fs.readFile(file)).subarray(0, 3)], path.basename(file)).toEqual([0xef, 0xbb, 0xbf]);
    }
    const [hours, purposes] = await openInCalc(files, dir);
    expect(hours).toEqual([
      ['name', 'volunteered (hours)', 'volunteering received (hours)', 'exchange given (hours)', 'exchange received (hours)', 'timebank balance (hours)'],
      [GWENLLIAN, 0, 0, 2.33, 0, 2.33],
      [SIAN, 0, 0.67, 0, 0, 0],
      [ZOFIA, 0, 0.75, 0, 0, 0],
      [LUKASZ, 0.67, 0, 0, 0, 0],
      [AISHA, 0, 0.75, 0, 0, 0],
      [MARYAM, 1.5, 0, 0, 2.33, -2.33],
      ['Total', 2.17, 2.17, 2.33, 2.33, 0],
    ]);
    expect(purposes).toEqual([
      ['for', 'volunteering (hours)', 'exchange (hours)', 'all (hours)'],
      [SEWING, 1.5, 0, 1.5],
      [WELSH, 0, 2.33, 2.33],
      ['Not said', 0.67, 0, 0.67],
      ['Total', 2.17, 2.33, 4.5],
    ]);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
