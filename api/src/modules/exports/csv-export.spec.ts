import { stringify } from 'csv-stringify/sync';
import { CSV_OPTIONS } from './csv-export.service.js';

describe('the CSV options of every export', () => {
  const cells = (values: string[]) => stringify([values], { ...CSV_OPTIONS, bom: false }).trimEnd();

  it('starts the file with a UTF-8 BOM and ends records with CRLF', () => {
    const text = stringify([['陈静']], { ...CSV_OPTIONS });
    expect(text).toBe('\uFEFF陈静\r\n');
  });

  it.each([
    ['=1+1', '\'=1+1'], ['+1', '\'+1'], ['-1', '\'-1'], ['@SUM(A1)', '\'@SUM(A1)'],
    ['\tx', '\'\tx'], ['\rx', '"\'\rx"'],
    ['＝1', '\'＝1'], ['＋1', '\'＋1'], ['－1', '\'－1'], ['＠1', '\'＠1'],
  ])('neutralises a cell starting with %j', (input, written) => {
    expect(cells([input])).toBe(written);
  });

  it('leaves ordinary text, Chinese included, as it is', () => {
    expect(cells(['Chen Jing', '王芳 (化名)', 'a=b'])).toBe('Chen Jing,王芳 (化名),a=b');
  });
});
