import { msg } from '@lit/localize';
import type { ColorName, PresetName } from '../../../contract/branding-presets.js';

export const presetLabel = (preset: PresetName) =>
  ({ default: msg('Default (blue)'), ocean: msg('Ocean (teal)'), forest: msg('Forest (green)'), sunset: msg('Sunset (orange, serif)'), graphite: msg('Graphite (black)') })[preset];

export const colorLabel = (name: ColorName) =>
  ({
    primary: msg('Primary: buttons, links, selection'),
    background: msg('Background'),
    surface: msg('Surface: hover and selected rows'),
    text: msg('Text'),
    muted: msg('Secondary text'),
    border: msg('Borders'),
    danger: msg('Danger: overdue, blocked, urgent'),
    success: msg('Success: done, progress'),
    warning: msg('Warning: high priority'),
  })[name];

/** Corner radii to choose from (the tenant's own, set through the API, is offered too). */
export const RADII = ['0', '2px', '4px', '6px', '8px', '12px', '16px'] as const;

/** Font families to choose from: each a list the service accepts, ending in a generic family. */
export const FONTS = [
  { value: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif', label: () => msg('System sans-serif') },
  { value: 'Georgia, "Iowan Old Style", "Times New Roman", serif', label: () => msg('Serif') },
  { value: '"Trebuchet MS", "Gill Sans", "Segoe UI", sans-serif', label: () => msg('Humanist sans-serif') },
  { value: 'ui-rounded, "Arial Rounded MT Bold", "Segoe UI", sans-serif', label: () => msg('Rounded') },
] as const;
