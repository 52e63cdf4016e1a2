// Renders each processes/<process>/*.bpmn to docs/images/<file>.png, using bpmn-js (the same
// renderer Camunda Modeler uses) in headless Chromium. Run again after changing a diagram:
//   cd tools/render-diagrams && npm ci && node render.mjs ../..
import { readFileSync, readdirSync, statSync, mkdirSync, existsSync } from 'node:fs';
import { join, basename, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const root = resolve(process.argv[2] || '../..');
const out = join(root, 'docs', 'images');
mkdirSync(out, { recursive: true });

const viewerJs = readFileSync(require.resolve('bpmn-js/dist/bpmn-viewer.production.min.js'), 'utf8');
const css = ['bpmn-js/dist/assets/diagram-js.css', 'bpmn-js/dist/assets/bpmn-js.css']
  .map(p => readFileSync(require.resolve(p), 'utf8'))
  .join('\n');

function walk(dir, acc = []) {
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, acc);
    else if (p.endsWith('.bpmn')) acc.push(p);
  }
  return acc;
}

const files = walk(join(root, 'processes'));
if (files.length === 0) {
  console.error('render-diagrams: no BPMN files under processes/');
  process.exit(1);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu']
});
try {
  const page = await browser.newPage({ viewport: { width: 1800, height: 900 }, deviceScaleFactor: 1 });
  for (const file of files) {
    await page.setContent(`<!doctype html><html><head><style>${css}
      html, body { margin: 0; background: #fff; } #canvas { width: 1800px; height: 900px; }</style></head>
      <body><div id="canvas"></div></body></html>`);
    await page.addScriptTag({ content: viewerJs });
    const size = await page.evaluate(async (xml) => {
      const viewer = new window.BpmnJS({ container: '#canvas' });
      await viewer.importXML(xml);
      const canvas = viewer.get('canvas');
      const box = canvas.viewbox().inner;
      const el = document.getElementById('canvas');
      el.style.width = Math.ceil(box.width + 60) + 'px';
      el.style.height = Math.ceil(box.height + 60) + 'px';
      canvas.resized();
      canvas.viewbox({ x: box.x - 30, y: box.y - 30, width: box.width + 60, height: box.height + 60 });
      return { width: Math.ceil(box.width + 60), height: Math.ceil(box.height + 60) };
    }, readFileSync(file, 'utf8'));
    await page.setViewportSize({ width: size.width, height: size.height });
    const target = join(out, basename(file, '.bpmn') + '.png');
    await page.locator('#canvas').screenshot({ path: target });
    console.log(`rendered ${file.substring(root.length + 1)} -> ${target.substring(root.length + 1)} (${size.width}x${size.height})`);
  }
} finally {
  await browser.close();
}
