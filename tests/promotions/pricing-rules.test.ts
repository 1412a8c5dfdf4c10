import { describe, expect, it } from 'vitest';
import { appliesTo, isActiveAt } from '../../subgraphs/promotions/eligibility.js';
import { parseInstant } from '../../subgraphs/promotions/instant.js';
import type { PromotionModel } from '../../subgraphs/promotions/models.js';
import { discountOn, effectivePrice, percentOfHalfUp, rankByDiscount } from '../../subgraphs/promotions/pricing.js';

const EUR = (amount: number) => ({ amount, currency: 'EUR' });
const percent = (id: string, percentOff: number) => ({ id, percentOff, amountOff: null, currency: 'EUR' });
const amount = (id: string, amountOff: number, currency = 'EUR') => ({ id, percentOff: null, amountOff, currency });

describe('money rules of promotions', () => {
  it('rounds a percentage discount half up to the minor unit', () => {
    expect(percentOfHalfUp(1998, 25)).toBe(500); // 499.5
    expect(percentOfHalfUp(1999, 25)).toBe(500); // 499.75
    expect(percentOfHalfUp(1997, 25)).toBe(499); // 499.25
    expect(percentOfHalfUp(2, 25)).toBe(1); // 0.5
    expect(percentOfHalfUp(1, 25)).toBe(0); // 0.25
    expect(percentOfHalfUp(999, 100)).toBe(999);
  });

  it('takes an amount off only in its own currency and never more than the price', () => {
    expect(discountOn(EUR(5000), amount('a', 1000))).toBe(1000);
    expect(discountOn(EUR(500), amount('a', 1000))).toBe(500);
    expect(discountOn({ amount: 5000, currency: 'USD' }, amount('a', 1000))).toBe(0);
    expect(discountOn({ amount: 5000, currency: 'USD' }, percent('p', 10))).toBe(500);
  });

  it('applies the single best discount, never a sum of them', () => {
    const promotions = [percent('p10', 10), percent('p25', 25), amount('a1000', 1000)];
    expect(effectivePrice(EUR(1998), promotions)).toEqual(EUR(998));
    expect(effectivePrice(EUR(6000), promotions)).toEqual(EUR(4500));
    expect(effectivePrice(EUR(6000), [])).toEqual(EUR(6000));
  });

  it('never prices below zero', () => {
    expect(effectivePrice(EUR(400), [amount('a', 1000)])).toEqual(EUR(0));
    expect(effectivePrice(EUR(400), [percent('p', 100)])).toEqual(EUR(0));
  });

  it('ranks promotions by what they take off the price, then by id', () => {
    const promotions = [percent('p10', 10), amount('a1000', 1000), percent('p25', 25), percent('p25-bis', 25)];
    expect(rankByDiscount(EUR(1998), promotions).map((p) => p.id)).toEqual(['a1000', 'p25', 'p25-bis', 'p10']);
    expect(rankByDiscount(EUR(6000), promotions).map((p) => p.id)).toEqual(['p25', 'p25-bis', 'a1000', 'p10']);
    expect(rankByDiscount(null, promotions).map((p) => p.id)).toEqual(['p25', 'p25-bis', 'p10', 'a1000']);
  });
});

describe('targeting rules of promotions', () => {
  const at = Date.parse('2027-06-01T00:00:00Z');
  const base: PromotionModel = {
    ...percent('p', 10),
    name: 'p',
    description: 'p',
    startsAt: '2027-01-01T00:00:00.000Z',
    endsAt: '2028-01-01T00:00:00.000Z',
    segment: null,
    sitewide: true,
    channels: ['WEB', 'STORE'],
    storeIds: [],
    personal: false,
  };
  const none = { targetingSku: new Set<string>(), audienceOfCustomer: new Set<string>() };

  it('is active from startsAt inclusive to endsAt exclusive', () => {
    expect(isActiveAt(base, Date.parse(base.startsAt))).toBe(true);
    expect(isActiveAt(base, Date.parse(base.endsAt))).toBe(false);
    expect(isActiveAt(base, Date.parse(base.startsAt) - 1)).toBe(false);
  });

  it('applies on its channels only', () => {
    expect(appliesTo(base, { channel: 'WEB' }, none, at)).toBe(true);
    expect(appliesTo(base, { channel: 'APP' }, none, at)).toBe(false);
  });

  it('applies to its own item list when it is not sitewide', () => {
    const listed = { ...base, sitewide: false };
    expect(appliesTo(listed, { channel: 'WEB' }, none, at)).toBe(false);
    expect(appliesTo(listed, { channel: 'WEB' }, { ...none, targetingSku: new Set(['p']) }, at)).toBe(true);
  });

  it('needs one of its stores when it has stores', () => {
    const storeOnly = { ...base, storeIds: ['store-01'] };
    expect(appliesTo(storeOnly, { channel: 'STORE' }, none, at)).toBe(false);
    expect(appliesTo(storeOnly, { channel: 'STORE', storeId: 'store-02' }, none, at)).toBe(false);
    expect(appliesTo(storeOnly, { channel: 'STORE', storeId: 'store-01' }, none, at)).toBe(true);
  });

  it('needs a customer of its audience when it is personal', () => {
    const personal = { ...base, personal: true };
    const inAudience = { ...none, audienceOfCustomer: new Set(['p']) };
    expect(appliesTo(personal, { channel: 'WEB' }, inAudience, at)).toBe(false);
    expect(appliesTo(personal, { channel: 'WEB', customerId: 'cust-00001' }, none, at)).toBe(false);
    expect(appliesTo(personal, { channel: 'WEB', customerId: 'cust-00001' }, inAudience, at)).toBe(true);
  });
});

describe('instants', () => {
  it('reads ISO 8601 dates and date-times, UTC without an offset', () => {
    expect(parseInstant('2027-06-01')).toBe(Date.parse('2027-06-01T00:00:00Z'));
    expect(parseInstant('2027-06-01T10:00')).toBe(Date.parse('2027-06-01T10:00:00Z'));
    expect(parseInstant('2027-06-01T10:00:00+02:00')).toBe(Date.parse('2027-06-01T08:00:00Z'));
    expect(parseInstant('2027-06-01T10:00:00.123Z')).toBe(Date.parse('2027-06-01T10:00:00.123Z'));
  });

  it('refuses what is not an instant or names a day that does not exist', () => {
    for (const text of ['', 'tomorrow', 'June 1, 2027', '2027-02-30', '2027-13-01', '2027-06-01T25:00Z', '2027-06-01T10:00:00+0200', '1780000000000']) {
      expect(parseInstant(text), text).toBeNull();
    }
  });
});
