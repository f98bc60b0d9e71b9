import * as path from 'path';

// start_lab.py seeds this folder; CHURN_STUDIO_UI_TESTS_HOME moves it so two runs can share a
// checkout without overwriting each other's studio.
export const UI_HOME = process.env.CHURN_STUDIO_UI_TESTS_HOME
  ? path.resolve(process.env.CHURN_STUDIO_UI_TESTS_HOME)
  : path.resolve(__dirname, '..', '.home');
