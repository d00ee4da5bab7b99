// SPDX-License-Identifier: MIT
import { dialogEn, type DialogMessages } from './dialog-en.js';

export type { DialogMessages } from './dialog-en.js';

const loaders: Record<string, () => Promise<DialogMessages>> = {
  fr: () => import('./dialog-fr.js').then((m) => m.dialogFr),
};

/** The dialog's strings for a locale (English for unknown languages). */
export async function loadDialogMessages(locale: string): Promise<DialogMessages> {
  return (await loaders[locale.split('-')[0]!]?.()) ?? dialogEn;
}
