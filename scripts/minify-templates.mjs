/**
 * A rollup plugin that strips the indentation (and CSS comments and spaces around CSS
 * punctuation) from Lit's `html` and `css` tagged templates, which minifiers leave as they are.
 * Line breaks are kept, one for one, so the sourcemap's lines stay right.
 */
const walk = (node, visit) => {
  if (!node || typeof node.type !== 'string') return;
  visit(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const child of value) walk(child, visit);
    else if (value && typeof value === 'object' && typeof value.type === 'string') walk(value, visit);
  }
};

const keepLines = (text) => text.replace(/[ \t]*\n[ \t\n]*/g, (run) => '\n'.repeat(run.split('\n').length - 1));

const minifyCss = (text) =>
  keepLines(text.replace(/\/\*[\s\S]*?\*\//g, (comment) => '\n'.repeat(comment.split('\n').length - 1)))
    .replace(/[ \t]*([{};,>])[ \t]*/g, '$1')
    .replace(/:[ \t]+/g, ':');

export function minifyTemplates({ include = /\/widget\// } = {}) {
  return {
    name: 'minify-templates',
    transform(code, id) {
      if (!include.test(id) || !/\b(css|html)`/.test(code)) return null;
      const edits = [];
      walk(this.parse(code), (node) => {
        if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier') return;
        const minify = node.tag.name === 'css' ? minifyCss : node.tag.name === 'html' ? keepLines : null;
        if (!minify) return;
        for (const quasi of node.quasi.quasis) edits.push([quasi.start, quasi.end, minify(code.slice(quasi.start, quasi.end))]);
      });
      if (!edits.length) return null;
      let out = code;
      for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + text + out.slice(end);
      return { code: out, map: null };
    },
  };
}
