import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { sha256Hex } from '../../../src/sim/render/sha256.js';

test('the FIPS 180-4 examples', () => {
  assert.equal(sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'), '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
});

test('agrees with node:crypto on every length around the block boundaries and on UTF-8 text', () => {
  const inputs: string[] = [];
  for (let n = 0; n <= 200; n++) inputs.push('x'.repeat(n));
  inputs.push('image:busybox', 'kube-api-access:97c26ead-ddc8-46ba-ab21-36639b21416f', '라이브니스 프로브 ✓', 'a\u0000b', '\u{1F600}'.repeat(40));
  for (const s of inputs) assert.equal(sha256Hex(s), createHash('sha256').update(s).digest('hex'), JSON.stringify(s.slice(0, 20)));
});
