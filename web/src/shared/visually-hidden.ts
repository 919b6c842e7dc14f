/**
 * Styles that hide an element from sight but not from screen readers. Sizes are written in px: in
 * MUI's `sx` a bare `width: 1` means 100% (the hidden table was as wide as the page and made it
 * scroll sideways).
 */
export const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  padding: 0,
  margin: '-1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;
