// "Download CSV" for any table on the page: the table as the reader sees it (header and body
// rows, cell text with whitespace collapsed), written as RFC 4180 CSV and downloaded from a blob
// made in the page, so nothing leaves the browser.

/** A cell a spreadsheet would read as a formula is prefixed with an apostrophe (CSV injection). */
function safe(text) {
  return /^[=+@\t\r]|^-(?![\d.,\s€£$])/.test(text) ? `'${text}` : text;
}

function field(text) {
  const value = safe(text);
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Rows of cell texts as CSV text (CRLF line ends). */
export function rowsToCsv(rows) {
  return `${rows.filter((cells) => cells.length).map((cells) => cells.map((text) => field(String(text ?? ''))).join(',')).join('\r\n')}\r\n`;
}

/** The table's rows as CSV text. Hidden helper text is left out. */
export function tableToCsv(table) {
  const rows = [...table.querySelectorAll('thead tr, tbody tr')].map((row) => [...row.querySelectorAll('th, td')].map((cell) => {
    const copy = /** @type {HTMLElement} */ (cell.cloneNode(true));
    for (const hidden of copy.querySelectorAll('.visually-hidden, [aria-hidden="true"], button.sort-button svg')) hidden.remove();
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  }));
  return rowsToCsv(rows);
}

/** Downloads `text` as `filename`. */
export function download(text, filename, type = 'text/csv') {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Buttons with `data-csv-table="<css selector>"` download that table; `data-csv-name` names the
 * file. One listener for the whole page, so views can re-render their tables freely.
 */
export function enableCsvDownloads(root = document) {
  root.addEventListener('click', (event) => {
    const button = /** @type {HTMLElement | null} */ (event.target instanceof Element ? event.target.closest('[data-csv-table]') : null);
    if (!button) return;
    const table = document.querySelector(button.dataset.csvTable ?? '');
    if (!(table instanceof HTMLTableElement)) return;
    download(tableToCsv(table), `${button.dataset.csvName ?? 'table'}.csv`);
  });
}
