import { describe, expect, it } from 'vitest';
import { LEVER_TYPES, leverColour, leverLabel, leverRank } from '../../src/lib/model/levers';
import { STATUSES, statusLabel } from '../../src/lib/model/statuses';

function luminance(hex: string): number {
	const [r, g, b] = [1, 3, 5].map((i) => {
		const v = parseInt(hex.slice(i, i + 2), 16) / 255;
		return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

const contrastOnWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

describe('lever taxonomy', () => {
	it('covers the lever types of the event format, each once', () => {
		expect(LEVER_TYPES.map((lever) => lever.id)).toEqual([
			'sanctions',
			'export_controls',
			'chip_licences',
			'tariffs',
			'critical_minerals',
			'cyber',
			'diplomacy',
			'coordination'
		]);
		expect(new Set(LEVER_TYPES.map((lever) => lever.colour)).size).toBe(LEVER_TYPES.length);
	});

	it('gives every lever colour at least 3:1 contrast on white (WCAG non-text contrast)', () => {
		for (const lever of LEVER_TYPES) {
			expect(contrastOnWhite(lever.colour), lever.id).toBeGreaterThanOrEqual(3);
		}
	});

	it('labels and ranks categories that imported data brings', () => {
		expect(leverLabel('chip_licences')).toBe('Chip licences');
		expect(leverLabel('visa_bans')).toBe('visa bans');
		expect(leverColour('visa_bans')).toMatch(/^#[0-9A-F]{6}$/i);
		expect(leverRank('visa_bans')).toBeGreaterThan(leverRank('coordination'));
	});

	it('labels every status', () => {
		expect(STATUSES.map(statusLabel)).toContain('On hold');
		expect(statusLabel('in_force')).toBe('In force');
	});
});
