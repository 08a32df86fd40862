import { describe, expect, it } from 'vitest';
import { formatPhone } from '../../shared/phone';

describe('phone numbers as people read them', () => {
  it('groups a bare international number by its country', () => {
    expect(formatPhone('2348012345678')).toBe('+234 801 234 5678');
    expect(formatPhone('6281234567890')).toBe('+62 812 3456 7890');
  });
  it('keeps what is not a phone number', () => {
    expect(formatPhone('120363041234567890@g.us')).toBe('120363041234567890@g.us');
    expect(formatPhone('Shop')).toBe('Shop');
  });
  it('shows an unknown but plausible number with its plus sign', () => {
    expect(formatPhone('999123456')).toBe('+999123456');
  });
});
