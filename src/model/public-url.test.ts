import { describe, expect, it } from 'vitest';
import { publicUrl } from './public-url';

describe('publicUrl', () => {
  it('keeps absolute http and https URLs, trimmed', () => {
    expect(publicUrl(' https://grace.churchcenter.com/registrations/events/42 ')).toBe(
      'https://grace.churchcenter.com/registrations/events/42',
    );
    expect(publicUrl('http://files.test/a.pdf?x=1,2;3')).toBe('http://files.test/a.pdf?x=1,2;3');
  });

  it.each([
    ['javascript:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['mailto:office@church.test'],
    ['/relative/path'],
    ['https://files.test/a b.pdf'],
    ['https://files.test/a.pdf\r\nX-INJECTED:1'],
    ['https://files.test/a\u2028b'],
    [''],
    [null],
  ])('drops %j', (value) => {
    expect(publicUrl(value)).toBeNull();
  });
});
