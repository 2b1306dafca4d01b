import { describe, expect, it } from 'vitest';
import { BadRequestError } from './errors';
import { parseWidgetOptions } from './widget-options';

const parse = (query: string) => parseWidgetOptions(new URLSearchParams(query));

describe('parseWidgetOptions', () => {
  it('defaults to the list view, the default accent, the light theme and the system font', () => {
    expect(parse('')).toEqual({
      view: 'list',
      month: undefined,
      accent: '#2563eb',
      theme: 'light',
      font: 'system',
      chips: true,
    });
  });

  it('reads every option', () => {
    expect(parse('view=month&month=2026-02&accent=%23ABC&theme=dark&font=inherit')).toEqual({
      view: 'month',
      month: '2026-02',
      accent: '#aabbcc',
      theme: 'dark',
      font: 'inherit',
      chips: true,
    });
    expect(parse('chips=false').chips).toBe(false);
    expect(parse('chips=true').chips).toBe(true);
    expect(parse('view=tiles').view).toBe('tiles');
    expect(parse('accent=e11d48').accent).toBe('#e11d48');
    expect(parse('theme=auto').theme).toBe('auto');
    expect(parse('theme=transparent').theme).toBe('transparent');
  });

  it('takes month alone as the month view', () => {
    expect(parse('month=2027-01').view).toBe('month');
  });

  it.each([
    ['view=agenda', 'view'],
    ['month=2026-13', 'month'],
    ['month=26-01', 'month'],
    ['view=list&month=2026-01', 'month'],
    ['accent=red', 'accent'],
    ['accent=%23ff000', 'accent'],
    ['accent=url(x)', 'accent'],
    ['theme=sepia', 'theme'],
    ['font=comic', 'font'],
    ['view=list&view=cards', 'view'],
    ['chips=no', 'chips'],
    ['chips=false&chips=true', 'chips'],
    ['view=tiles&month=2026-01', 'month'],
  ])('rejects %s naming %s', (query, name) => {
    expect(() => parse(query)).toThrow(BadRequestError);
    expect(() => parse(query)).toThrow(name);
  });

  it('takes week=YYYY-MM-DD as the week view, and refuses bad weeks naming week', () => {
    expect(parse('week=2027-03-10')).toMatchObject({ view: 'week', week: '2027-03-10' });
    expect(parse('view=week').week).toBeUndefined();
    for (const bad of [
      'week=2027-02-30',
      'week=2027-3-1',
      'week=x',
      'view=list&week=2027-03-10',
      'week=2027-03-10&month=2027-03',
    ]) {
      expect(() => parse(bad), bad).toThrow(BadRequestError);
      expect(() => parse(bad), bad).toThrow(/week/);
    }
  });
});
