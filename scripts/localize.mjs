#!/usr/bin/env node
// The translations of both entries: `node scripts/localize.mjs extract|build|check [widget|admin]`.
// - `lit-localize.json`: the widget's messages (widget/locales/).
// - `lit-localize.admin.json`: the admin page's own messages only (widget/admin/locales/). The
//   admin page imports the widget, and lit-localize reads every file a program imports, so its
//   messages are those of the admin program minus the widget's: a widget message is translated
//   once, in the widget's file, and the admin bundle loads both translations (addTranslations).
// `check` lists every message without a French translation and exits 1 if there is one.
import { join } from 'node:path';
import { readConfigFileAndWriteSchema } from '@lit/localize-tools/lib/config.js';
import { RuntimeLitLocalizer } from '@lit/localize-tools/lib/modes/runtime.js';

const root = new URL('..', import.meta.url).pathname;

class AdminLocalizer extends RuntimeLitLocalizer {
  constructor(config, widgetIds) {
    super(config);
    this.widgetIds = widgetIds;
  }

  extractSourceMessages() {
    const all = super.extractSourceMessages();
    return { ...all, messages: all.messages.filter((m) => !this.widgetIds.has(m.name)) };
  }
}

export function localizers() {
  const widget = new RuntimeLitLocalizer(readConfigFileAndWriteSchema(join(root, 'lit-localize.json')));
  const widgetIds = new Set(widget.extractSourceMessages().messages.map((m) => m.name));
  const admin = new AdminLocalizer(readConfigFileAndWriteSchema(join(root, 'lit-localize.admin.json')), widgetIds);
  return { widget, admin };
}

/** Messages of `localizer` with no translation in `locale`, as `name: source`. */
export function missing(localizer, locale = 'fr') {
  const translated = new Set((localizer.readTranslationsSync().translations.get(locale) ?? []).map((m) => m.name));
  return localizer
    .extractSourceMessages()
    .messages.filter((m) => !translated.has(m.name))
    .map((m) => `${m.name}: ${m.contents.map((c) => (typeof c === 'string' ? c : c.untranslatable)).join('')}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, only] = process.argv.slice(2);
  const { widget, admin } = localizers();
  for (const [name, localizer] of Object.entries({ widget, admin })) {
    if (only && only !== name) continue;
    const { errors } = localizer.extractSourceMessages();
    if (errors.length) throw new Error(`${name}: ${errors.map((e) => e.messageText ?? String(e)).join('\n')}`);
    if (command === 'extract') await localizer.writeInterchangeFiles();
    else if (command === 'build') await localizer.build();
    else if (command === 'check') {
      const absent = missing(localizer);
      for (const line of absent) console.log(`${name} fr missing ${line}`);
      if (absent.length) process.exitCode = 1;
    } else {
      console.error('usage: localize.mjs extract|build|check');
      process.exit(2);
    }
  }
}
