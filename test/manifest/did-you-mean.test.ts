import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closestMatch, editDistance } from '../../src/manifest/did-you-mean.js';

test('edit distance counts a transposition as one edit', () => {
  assert.equal(editDistance('livenesProbe', 'livenessProbe'), 1);
  assert.equal(editDistance('spce', 'spec'), 1);
  assert.equal(editDistance('abc', 'abc'), 0);
  assert.equal(editDistance('', 'abc'), 3);
});

test('closest field name, or nothing when unsure', () => {
  const fields = ['livenessProbe', 'readinessProbe', 'startupProbe', 'image', 'imagePullPolicy', 'name', 'ports'];
  assert.equal(closestMatch('livenesProbe', fields), 'livenessProbe');
  assert.equal(closestMatch('LivenessProbe', fields), 'livenessProbe');
  assert.equal(closestMatch('readynessProbe', fields), 'readinessProbe');
  assert.equal(closestMatch('imagePullPolcy', fields), 'imagePullPolicy');
  assert.equal(closestMatch('port', fields), 'ports');
  assert.equal(closestMatch('healthcheck', fields), undefined);
  assert.equal(closestMatch('x', fields), undefined);
  assert.equal(closestMatch('specs', ['apiVersion', 'kind', 'metadata', 'spec', 'status']), 'spec');
  // a shortened name, when only one field starts with it
  const probe = ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold', 'exec'];
  assert.equal(closestMatch('initialDelay', probe), 'initialDelaySeconds');
  assert.equal(closestMatch('period', probe), 'periodSeconds');
  assert.equal(closestMatch('threshold', probe), undefined);
});
