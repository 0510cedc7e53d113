import { createTheme } from '@mantine/core';

/**
 * Mantine's default theme: its CSS variables ship in its static style sheet. Colours that must
 * pass WCAG AA contrast are overridden in styles.css (the CSP forbids run-time <style>).
 */
export const theme = createTheme({});
