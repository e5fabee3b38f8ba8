import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInFactHelpers, builtInOperators, createVocabulary, type OperatorDefinition } from '../src/index.js';
import { createAjv } from '../src/formats/create-ajv.js';
import { addDays, addMonths, dayRangeInTimeZone, daysInMonth, isoDateInTimeZone, startOfDayInTimeZone, toIsoDate } from '../src/calendar/iso-dates.js';

const operator = (name: string) => builtInOperators.find((definition) => definition.name === name) as OperatorDefinition;
const isoDate = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
const anything = fc.jsonValue();

describe('the built-in schemas', () => {
  it('are valid draft-07 (the built-in Ajv compiles them without checking, on first use)', () => {
    const ajv = createAjv();
    for (const schema of [...builtInOperators.map((definition) => definition.valueSchema), ...builtInFactHelpers.map((definition) => definition.argsSchema)]) {
      expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    }
  });

  it('give validators that answer, errors included, like compiled ones', () => {
    const validate = createVocabulary().helperArgsValidators.get('firstOf');
    expect(validate?.(7)).toBe(false);
    expect(validate?.errors?.length).toBeGreaterThan(0);
    expect(validate?.({ second: 1 })).toBe(true);
  });
});

describe('operators', () => {
  it('never throw, whatever the values', () => {
    fc.assert(
      fc.property(fc.constantFrom(...builtInOperators), anything, anything, (definition, left, right) => {
        expect(typeof definition.evaluate(left, right)).toBe('boolean');
      }),
    );
  });

  it('date comparisons agree with each other and with time order', () => {
    fc.assert(
      fc.property(isoDate, isoDate, (a, b) => {
        const before = operator('dateBefore').evaluate(a, b);
        const after = operator('dateAfter').evaluate(a, b);
        expect(operator('dateOnOrBefore').evaluate(a, b)).toBe(!after);
        expect(operator('dateOnOrAfter').evaluate(a, b)).toBe(!before);
        expect(before).toBe(Date.parse(a) < Date.parse(b));
      }),
    );
  });

  it('date comparisons are false, not true, for a date that does not exist', () => {
    for (const name of ['dateBefore', 'dateOnOrBefore', 'dateAfter', 'dateOnOrAfter']) {
      expect(operator(name).evaluate('2026-02-30', '2026-03-01')).toBe(false);
      expect(operator(name).evaluate(undefined, '2026-03-01')).toBe(false);
    }
  });

  it('numeric comparisons refuse what is not a number instead of coercing it', () => {
    expect(operator('greaterThanInclusive').evaluate('60', 50)).toBe(false);
    expect(operator('greaterThanInclusive').evaluate(60, 60)).toBe(true);
    expect(operator('lessThan').evaluate(null, 1)).toBe(false);
  });

  it('hasItemMatching and hasNoItemMatching are complements on arrays', () => {
    const item = fc.record({ stato: fc.constantFrom('ATTIVA', 'REVOCATA'), tipo: fc.constantFrom('INTERMEDIARIO', 'SUBDELEGA', 'DIPENDENTE') });
    fc.assert(
      fc.property(fc.array(item), fc.record({ stato: fc.constantFrom('ATTIVA', 'REVOCATA') }), (items, where) => {
        expect(operator('hasNoItemMatching').evaluate(items, where)).toBe(!operator('hasItemMatching').evaluate(items, where));
      }),
    );
    expect(operator('hasItemMatching').evaluate([{ tipo: 'SUBDELEGA', stato: 'ATTIVA' }], { tipo: ['INTERMEDIARIO', 'SUBDELEGA'], stato: 'ATTIVA' })).toBe(true);
    expect(operator('hasNoItemMatching').evaluate(undefined, { stato: 'ATTIVA' })).toBe(false);
  });

  it('equalIgnoreCase and notEqualIgnoreCase ignore case and surrounding spaces', () => {
    expect(operator('equalIgnoreCase').evaluate(' Aurora@PEC.it ', 'aurora@pec.it')).toBe(true);
    expect(operator('notEqualIgnoreCase').evaluate('a@pec.it', null)).toBe(false);
  });

  it('emailDomainIn accepts a listed domain and its subdomains only', () => {
    const domains = ['pec.it', 'legalmail.it'];
    expect(operator('emailDomainIn').evaluate('studio@aurora.pec.it', domains)).toBe(true);
    expect(operator('emailDomainIn').evaluate('studio@legalmail.it', domains)).toBe(true);
    expect(operator('emailDomainIn').evaluate('studio@notpec.it', domains)).toBe(false);
    expect(operator('emailDomainIn').evaluate('studio@gmail.com', domains)).toBe(false);
  });
});

describe('calendar arithmetic', () => {
  it('addMonths keeps the day of the month, or clamps to the last day of a shorter month', () => {
    expect(addMonths('2024-09-10', 18)).toBe('2026-03-10');
    expect(addMonths('2024-08-31', 18)).toBe('2026-02-28');
    expect(addMonths('2022-08-31', 18)).toBe('2024-02-29');
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -240, max: 240 }), (date, months) => {
        const result = addMonths(date, months);
        const [year, month, day] = result.split('-').map(Number) as [number, number, number];
        const originalDay = Number(date.slice(8, 10));
        expect(day).toBe(Math.min(originalDay, daysInMonth(year, month)));
        expect(toIsoDate(result)).toBe(result);
      }),
    );
  });

  it('addDays is undone by subtracting the same days', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -1000, max: 1000 }), (date, days) => {
        expect(addDays(addDays(date, days), -days)).toBe(date);
      }),
    );
  });
});

describe('createVocabulary', () => {
  it('registers a host operator through the same path as the built-ins, and refuses a taken name', () => {
    const isWeekday: OperatorDefinition = { name: 'isWeekday', description: 'Mon–Fri', valueSchema: { type: 'boolean' }, evaluate: (date, wanted) => typeof date === 'string' && [0, 6].includes(new Date(date).getUTCDay()) !== wanted };
    const vocabulary = createVocabulary({ operators: [isWeekday] });
    expect(vocabulary.isKnownOperator('isWeekday')).toBe(true);
    expect(vocabulary.isKnownOperator('not:isWeekday')).toBe(true);
    expect(vocabulary.operatorValueValidators.get('isWeekday')?.('yes')).toBe(false);
    expect(() => createVocabulary({ operators: [{ ...isWeekday, name: 'equal' }] })).toThrow(/already registered/);
  });
});

describe('isoDateInTimeZone', () => {
  it('gives the calendar date in Rome, across midnight and daylight-saving changes', async () => {
    const { isoDateInTimeZone } = await import('../src/calendar/iso-dates.js');
    expect(isoDateInTimeZone(new Date('2026-03-28T22:59:59Z'))).toBe('2026-03-28');
    expect(isoDateInTimeZone(new Date('2026-03-28T23:00:00Z'))).toBe('2026-03-29');
    expect(isoDateInTimeZone(new Date('2026-10-24T21:59:59Z'))).toBe('2026-10-24');
    expect(isoDateInTimeZone(new Date('2026-10-24T22:00:00Z'))).toBe('2026-10-25');
    expect(isoDateInTimeZone(new Date('2026-10-25T22:59:59Z'))).toBe('2026-10-25');
    expect(isoDateInTimeZone(new Date('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
    expect(isoDateInTimeZone(new Date('2026-01-01T04:00:00Z'), 'America/St_Johns')).toBe('2026-01-01');
    expect(isoDateInTimeZone(new Date('2026-01-01T03:29:59Z'), 'America/St_Johns')).toBe('2025-12-31');
  });

  it('agrees with Intl for any instant (property)', async () => {
    const { isoDateInTimeZone } = await import('../src/calendar/iso-dates.js');
    const reference = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' });
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2050-01-01T00:00:00Z'), noInvalidDate: true }), (instant) => {
        expect(isoDateInTimeZone(instant)).toBe(reference.format(instant));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('fact helpers', () => {
  it('firstOf falls back when the first value is absent or null', async () => {
    const { builtInFactHelpers } = await import('../src/index.js');
    const firstOf = builtInFactHelpers.find((helper) => helper.name === 'firstOf');
    expect(firstOf?.compute({ second: '2026-03-10' })).toBe('2026-03-10');
    expect(firstOf?.compute({ first: null, second: 'b', third: 'c' })).toBe('b');
    expect(firstOf?.compute({})).toBe(null);
    expect(createVocabulary().helperArgsValidators.get('firstOf')?.({ second: 1 })).toBe(true);
  });
});

describe('list and periodo helpers (selectItems, latestItem, periodoToDate)', () => {
  const helper = async (name: string) => {
    const { builtInFactHelpers } = await import('../src/index.js');
    const found = builtInFactHelpers.find((definition) => definition.name === name);
    if (!found) throw new Error(`helper ${name} not registered`);
    return found;
  };
  const contatti = [
    { id: 'C1', valore: 'a@x.it', anomalo: true, titolareCf: 'AAA' },
    { id: 'C2', valore: 'b@x.it', anomalo: false, titolareCf: 'BBB' },
    { id: 'C3', valore: 'c@x.it', anomalo: true, titolareCf: 'BBB' },
  ];

  it('selectItems keeps the items whose field is one of the values, or the others with exclude', async () => {
    const selectItems = await helper('selectItems');
    expect(selectItems.compute({ items: contatti, field: 'id', values: ['C1', 'C3'] })).toEqual([contatti[0], contatti[2]]);
    expect(selectItems.compute({ items: contatti, field: 'id', values: ['C1', 'C3'], exclude: true })).toEqual([contatti[1]]);
    expect(selectItems.compute({ items: contatti, field: 'titolareCf', values: 'BBB' })).toEqual([contatti[1], contatti[2]]);
    expect(selectItems.compute({ items: contatti, field: 'anomalo', values: true, pick: 'valore' })).toEqual(['a@x.it', 'c@x.it']);
    expect(selectItems.compute({ items: contatti, field: 'id', values: [] })).toEqual([]);
    expect(selectItems.compute({ field: 'id', values: ['C1'] })).toEqual([]);
    expect(selectItems.compute({ items: [null, 3, { __proto__: { id: 'C1' } }], field: 'id', values: ['C1'] })).toEqual([]);
    expect(selectItems.compute({ items: contatti, field: '__proto__', values: [undefined], exclude: true })).toEqual([]);
    expect(createVocabulary().helperArgsValidators.get('selectItems')?.({ items: [], field: 'id' })).toBe(false);
  });

  it('selectItems splits a list in two: selected and excluded items make up the whole (property)', async () => {
    const selectItems = await helper('selectItems');
    const item = fc.record({ id: fc.constantFrom('A', 'B', 'C', 'D'), n: fc.integer() });
    fc.assert(
      fc.property(fc.array(item), fc.subarray(['A', 'B', 'C', 'D']), (items, values) => {
        const selected = selectItems.compute({ items, field: 'id', values }) as unknown[];
        const others = selectItems.compute({ items, field: 'id', values, exclude: true }) as unknown[];
        expect(selected.length + others.length).toBe(items.length);
        expect(selected.every((entry) => values.includes((entry as { id: string }).id))).toBe(true);
      }),
    );
  });

  it('latestItem finds the item with the greatest date or number, null when there is none', async () => {
    const latestItem = await helper('latestItem');
    const denunce = [{ protocollo: 'P1', dataInvio: '2025-12-20' }, { protocollo: 'P2', dataInvio: '2026-01-31' }, { protocollo: 'P3' }, { protocollo: 'P4', dataInvio: '2026-01-31' }];
    expect(latestItem.compute({ items: denunce, by: 'dataInvio' })).toEqual(denunce[1]);
    expect(latestItem.compute({ items: [{ n: 2 }, { n: 10 }, { n: -1 }], by: 'n' })).toEqual({ n: 10 });
    expect(latestItem.compute({ items: [], by: 'dataInvio' })).toBe(null);
    expect(latestItem.compute({ items: [{ x: 1 }], by: 'dataInvio' })).toBe(null);
    expect(latestItem.compute({ by: 'dataInvio' })).toBe(null);
    expect(() => latestItem.compute({ items: [{ n: 1 }, { n: '2' }], by: 'n' })).toThrow(/mix/);
  });

  it('periodoToDate gives the first and last day of a periodo, across years and leap years', async () => {
    const periodoToDate = await helper('periodoToDate');
    expect(periodoToDate.compute({ periodo: '12/2025', day: 'first' })).toBe('2025-12-01');
    expect(periodoToDate.compute({ periodo: '12/2025', day: 'last' })).toBe('2025-12-31');
    expect(periodoToDate.compute({ periodo: '01/2026', day: 'first' })).toBe('2026-01-01');
    expect(periodoToDate.compute({ periodo: '02/2024', day: 'last' })).toBe('2024-02-29');
    expect(periodoToDate.compute({ periodo: '02/2025', day: 'last' })).toBe('2025-02-28');
    expect(() => periodoToDate.compute({ periodo: '13/2025', day: 'first' })).toThrow(RangeError);
    expect(createVocabulary().helperArgsValidators.get('periodoToDate')?.({ periodo: '01/2026', day: 'middle' })).toBe(false);
  });

  it('periodoToDate keeps the order of periodi (property)', async () => {
    const periodoToDate = await helper('periodoToDate');
    const periodo = fc.record({ month: fc.integer({ min: 1, max: 12 }), year: fc.integer({ min: 1900, max: 2999 }) }).map(({ month, year }) => `${String(month).padStart(2, '0')}/${year}`);
    fc.assert(
      fc.property(periodo, periodo, (a, b) => {
        const [ma, ya] = a.split('/').map(Number) as [number, number];
        const [mb, yb] = b.split('/').map(Number) as [number, number];
        const byMonths = Math.sign((ya - yb) * 12 + (ma - mb));
        const first = (p: string) => periodoToDate.compute({ periodo: p, day: 'first' }) as string;
        expect(Math.sign(first(a).localeCompare(first(b)))).toBe(byMonths);
        expect((periodoToDate.compute({ periodo: a, day: 'last' }) as string) >= first(a)).toBe(true);
      }),
    );
  });
});

describe('startOf', () => {
  const startOfHelper = builtInFactHelpers.find((helper) => helper.name === 'startOf');
  it.each([
    ['2026-05-17', 'year', undefined, '2026-01-01'],
    ['2026-05-17', 'year', -1, '2025-01-01'],
    ['2026-01-01', 'year', 1, '2027-01-01'],
    ['2026-05-17', 'month', undefined, '2026-05-01'],
    ['2026-01-31', 'month', -1, '2025-12-01'],
    ['2025-12-15T10:00:00+01:00', 'month', 1, '2026-01-01'],
  ])('startOf(%s, %s, %s) = %s', (date, unit, shift, expected) => {
    expect(startOfHelper?.compute({ date, unit, ...(shift !== undefined && { shift }) })).toBe(expected);
  });
});

describe('startOfDayInTimeZone and dayRangeInTimeZone', () => {
  it('give where a day starts in Rome, also on the days daylight saving starts and ends', () => {
    expect(startOfDayInTimeZone('2026-03-10').toISOString()).toBe('2026-03-09T23:00:00.000Z');
    expect(startOfDayInTimeZone('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDayInTimeZone('2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfDayInTimeZone('2026-10-26').toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(startOfDayInTimeZone('2026-01-01', 'Asia/Kolkata').toISOString()).toBe('2025-12-31T18:30:00.000Z');
    // São Paulo moved its clocks at midnight: 4 November 2018 began at 01:00.
    expect(startOfDayInTimeZone('2018-11-04', 'America/Sao_Paulo').toISOString()).toBe('2018-11-04T03:00:00.000Z');
    expect(dayRangeInTimeZone('2026-10-25', '2026-10-25')).toEqual({ start: new Date('2026-10-24T22:00:00.000Z'), end: new Date('2026-10-25T23:00:00.000Z') });
    expect(dayRangeInTimeZone(undefined, undefined)).toEqual({});
  });

  it('bound exactly the instants whose date in the zone is within the days (property)', () => {
    const zone = fc.constantFrom('Europe/Rome', 'America/New_York', 'Australia/Lord_Howe', 'UTC');
    // Instants within a day and a half of the day's noon (UTC): on both sides of its start and end.
    const shift = fc.integer({ min: -36 * 3_600_000, max: 36 * 3_600_000 });
    fc.assert(
      fc.property(zone, isoDate, shift, (timeZone, day, offset) => {
        const ms = Date.parse(`${day}T12:00:00Z`) + offset;
        const { start, end } = dayRangeInTimeZone(day, day, timeZone);
        const inRange = ms >= (start as Date).getTime() && ms < (end as Date).getTime();
        expect(inRange).toBe(isoDateInTimeZone(new Date(ms), timeZone) === day);
        expect(isoDateInTimeZone(start as Date, timeZone)).toBe(day);
        expect(isoDateInTimeZone(new Date((start as Date).getTime() - 1), timeZone) < day).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
