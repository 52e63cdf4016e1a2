// Runs the checks Camunda Modeler shows its users on every file under processes/:
//  - bpmnlint (recommended rules + Camunda 7.24 compatibility) on every .bpmn file;
//  - the Camunda 7 element-templates JSON schema on processes/.camunda/element-templates/*.json.
// Exits non-zero with one line per problem.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { validate } from '@bpmn-io/element-templates-validator';

const require = createRequire(import.meta.url);
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');
const { BpmnModdle } = require('bpmn-moddle');
const camundaModdle = require('camunda-bpmn-moddle/resources/camunda.json');
const modelerModdle = require('modeler-moddle/resources/modeler.json');

const root = process.argv[2] || '../..';
const processesDir = join(root, 'processes');

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      walk(path, out);
    } else {
      out.push(path);
    }
  }
  return out;
}

const config = {
  extends: ['bpmnlint:recommended', 'plugin:camunda-compat/camunda-platform-7-24']
};
const linter = new Linter({ config, resolver: new NodeResolver() });
const moddle = new BpmnModdle({ camunda: camundaModdle, modeler: modelerModdle });

let problems = 0;
let checked = 0;

const files = existsSync(processesDir) ? walk(processesDir) : [];
for (const file of files.filter(f => f.endsWith('.bpmn'))) {
  checked++;
  const xml = readFileSync(file, 'utf8');
  const { rootElement, warnings } = await moddle.fromXML(xml, 'bpmn:Definitions');
  for (const w of warnings) {
    console.error(`${relative(root, file)}: parse warning: ${w.message}`);
    problems++;
  }
  const results = await linter.lint(rootElement);
  for (const [rule, reports] of Object.entries(results)) {
    for (const report of reports) {
      if (report.category === 'error' || report.category === 'warn') {
        console.error(`${relative(root, file)}: ${report.id || '-'}: ${report.message} (${rule})`);
        problems++;
      }
    }
  }
}

const templates = files.filter(f => f.includes('.camunda/element-templates') && f.endsWith('.json'));
for (const file of templates) {
  checked++;
  const json = JSON.parse(readFileSync(file, 'utf8'));
  for (const template of Array.isArray(json) ? json : [json]) {
    const { valid, errors } = validate(template);
    if (!valid) {
      for (const e of errors) {
        console.error(`${relative(root, file)}: ${template.id}: ${e.message} at ${e.dataPath || e.instancePath || '/'}`);
        problems++;
      }
    }
  }
}

if (checked === 0) {
  console.error('modeler-lint: nothing to check under ' + processesDir);
  process.exit(1);
}
if (problems > 0) {
  console.error(`modeler-lint: ${problems} problem(s) in ${checked} file(s)`);
  process.exit(1);
}
console.log(`modeler-lint: ${checked} file(s) pass bpmnlint (recommended, camunda-platform-7-24) and the element-templates schema`);
