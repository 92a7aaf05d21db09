// The virtual filesystem: path resolution, files and directories, errors as values.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FsState, VirtualFs, pathCandidates, resolvePath } from '../../../src/sim/runtime/vfs.js';

/** two clones of one small tree, both at the root FsState */
function pair(): [VirtualFs, VirtualFs] {
  const t = new VirtualFs();
  t.mkdir('/tmp');
  const root = FsState.root();
  const [a, b] = [t.clone(), t.clone()];
  a.state = root;
  b.state = root;
  return [a, b];
}

describe('resolvePath', () => {
  const table: [string, string, string][] = [
    ['/', 'tmp', '/tmp'],
    ['/tmp', '../etc//hosts', '/etc/hosts'],
    ['/a/b', './c/.', '/a/b/c'],
    ['/', '/x/', '/x'],
    ['/', '/..', '/'],
    ['/tmp', '/usr/bin', '/usr/bin'],
  ];
  for (const [cwd, p, want] of table) it(`${cwd} + ${p} = ${want}`, () => assert.equal(resolvePath(cwd, p), want));
});

describe('pathCandidates', () => {
  it('lists resolvePath of each non-empty PATH entry joined with the name, in order, the same array each time', () => {
    const path = '/usr/local/bin::/usr//bin/:/opt/../bin:relative';
    const want = ['/usr/local/bin/ls', '/usr/bin/ls', '/bin/ls', '/relative/ls'];
    assert.deepEqual(want, path.split(':').filter(Boolean).map((d) => resolvePath('/', `${d}/ls`)));
    const first = pathCandidates(path, 'ls');
    assert.deepEqual(first, want);
    assert.equal(pathCandidates(path, 'ls'), first);
    assert.deepEqual(pathCandidates(path, 'cat'), ['/usr/local/bin/cat', '/usr/bin/cat', '/bin/cat', '/relative/cat']);
    assert.deepEqual(pathCandidates('', 'ls'), []);
  });
});

describe('VirtualFs', () => {
  it('creates, reads, appends and removes files', () => {
    const fs = new VirtualFs();
    fs.mkdir('/tmp');
    assert.deepEqual(fs.writeFile('/tmp/a', 'x'), { ok: true, value: undefined });
    fs.writeFile('/tmp/a', 'y', true);
    assert.deepEqual(fs.readFile('/tmp/a'), { ok: true, value: 'xy' });
    assert.deepEqual(fs.remove('/tmp/a'), { ok: true, value: undefined });
    assert.deepEqual(fs.readFile('/tmp/a'), { ok: false, errno: 'ENOENT' });
  });

  it('reports errno values instead of throwing', () => {
    const fs = new VirtualFs();
    fs.mkdir('/d');
    assert.deepEqual(fs.writeFile('/missing/f', ''), { ok: false, errno: 'ENOENT' });
    assert.deepEqual(fs.readFile('/d'), { ok: false, errno: 'EISDIR' });
    assert.deepEqual(fs.mkdir('/d'), { ok: false, errno: 'EEXIST' });
    fs.writeFile('/d/f', '');
    assert.deepEqual(fs.remove('/d'), { ok: false, errno: 'ENOTEMPTY' });
    assert.deepEqual(fs.writeFile('/d/f/g', ''), { ok: false, errno: 'ENOTDIR' });
  });

  it('lists a directory in byte order and moves trees', () => {
    const fs = new VirtualFs();
    fs.mkdir('/a/b', true);
    fs.writeFile('/a/b/z', '1');
    fs.writeFile('/a/B', '2');
    fs.writeFile('/a/c', '3');
    assert.deepEqual(fs.list('/a'), { ok: true, value: ['B', 'b', 'c'] });
    fs.rename('/a/b', '/a/moved');
    assert.deepEqual(fs.readFile('/a/moved/z'), { ok: true, value: '1' });
    assert.equal(fs.exists('/a/b/z'), false);
  });

  it('clones are independent', () => {
    const fs = new VirtualFs();
    fs.writeFile('/f', 'orig');
    const c = fs.clone();
    c.writeFile('/f', 'changed');
    assert.deepEqual(fs.readFile('/f'), { ok: true, value: 'orig' });
  });

  it('clones share no change in either direction: append, chmod, over an executable, rename, remove', () => {
    const fs = new VirtualFs();
    fs.install('/bin/cat', { kind: 'file', data: '', mode: 0o755, exe: { kind: 'applet', name: 'cat' } });
    fs.writeFile('/f', 'a');
    const c = fs.clone();
    c.writeFile('/f', 'b', true);
    c.setMode('/f', 0o600);
    c.writeFile('/bin/cat', 'not an applet');
    fs.rename('/f', '/g');
    assert.deepEqual(c.stat('/f'), { kind: 'file', data: 'ab', mode: 0o600 });
    assert.deepEqual(c.stat('/bin/cat'), { kind: 'file', data: 'not an applet', mode: 0o755 });
    assert.deepEqual(fs.stat('/g'), { kind: 'file', data: 'a', mode: 0o644 });
    assert.deepEqual(fs.stat('/bin/cat'), { kind: 'file', data: '', mode: 0o755, exe: { kind: 'applet', name: 'cat' } });
    c.remove('/bin', true);
    assert.ok(fs.exists('/bin/cat'));
    assert.equal(c.exists('/g'), false);
  });

  it('a clone sees its own removals, re-creations and moves of the tree it was cloned from', () => {
    const fs = new VirtualFs();
    fs.mkdir('/d');
    fs.writeFile('/d/a', '1');
    fs.writeFile('/d/b', '2');
    const c = fs.clone();
    assert.deepEqual(c.remove('/d/a'), { ok: true, value: undefined });
    assert.equal(c.exists('/d/a'), false);
    assert.deepEqual(c.readFile('/d/a'), { ok: false, errno: 'ENOENT' });
    assert.deepEqual(c.list('/d'), { ok: true, value: ['b'] });
    c.writeFile('/d/a', 'again');
    c.writeFile('/d/c', '3');
    assert.deepEqual(c.list('/d'), { ok: true, value: ['a', 'b', 'c'] });
    assert.deepEqual(c.rename('/d', '/e'), { ok: true, value: undefined });
    assert.deepEqual(c.list('/'), { ok: true, value: ['e'] });
    assert.deepEqual(c.list('/e'), { ok: true, value: ['a', 'b', 'c'] });
    assert.deepEqual(c.readFile('/e/a'), { ok: true, value: 'again' });
    assert.deepEqual(c.remove('/e'), { ok: false, errno: 'ENOTEMPTY' });
    // a clone of a clone keeps what its parent had then, and neither sees the other's later changes
    const cc = c.clone();
    c.remove('/e', true);
    assert.deepEqual(c.list('/'), { ok: true, value: [] });
    assert.deepEqual(cc.list('/e'), { ok: true, value: ['a', 'b', 'c'] });
    cc.writeFile('/e/b', 'x');
    assert.deepEqual(c.readFile('/e/b'), { ok: false, errno: 'ENOENT' });
    assert.deepEqual(fs.list('/d'), { ok: true, value: ['a', 'b'] });
    assert.deepEqual(fs.readFile('/d/a'), { ok: true, value: '1' });
    // the original, cloned and then changed, does not change its clones
    fs.remove('/d', true);
    fs.writeFile('/z', 'z');
    const c2 = fs.clone();
    assert.equal(c2.exists('/d/a'), false);
    assert.deepEqual(c2.list('/'), { ok: true, value: ['z'] });
    assert.equal(cc.exists('/z'), false);
  });

  it('/dev/null reads empty and swallows writes', () => {
    const fs = new VirtualFs();
    assert.deepEqual(fs.writeFile('/dev/null', 'x'), { ok: true, value: undefined });
    assert.deepEqual(fs.readFile('/dev/null'), { ok: true, value: '' });
  });
});

describe('VirtualFs version', () => {
  it('every change bumps it; reads and failed changes do not', () => {
    const fs = new VirtualFs();
    fs.mkdir('/tmp');
    const changes: [string, () => unknown][] = [
      ['create', () => fs.writeFile('/tmp/a', 'x')],
      ['overwrite', () => fs.writeFile('/tmp/a', 'y')],
      ['append', () => fs.writeFile('/tmp/a', 'z', true)],
      ['touch new', () => fs.touch('/tmp/b')],
      ['mkdir', () => fs.mkdir('/tmp/d')],
      ['mkdir -p', () => fs.mkdir('/tmp/e/f', true)],
      ['chmod', () => fs.setMode('/tmp/a', 0o755)],
      ['rename', () => fs.rename('/tmp/b', '/tmp/c')],
      ['remove', () => fs.remove('/tmp/c')],
      ['install', () => fs.install('/opt/x', { kind: 'file', data: '', mode: 0o755 })],
    ];
    for (const [what, change] of changes) {
      const v = fs.version;
      change();
      assert.ok(fs.version > v, what);
    }
    const still: [string, () => unknown][] = [
      ['read', () => fs.readFile('/tmp/a')],
      ['stat', () => fs.stat('/tmp/a')],
      ['list', () => fs.list('/tmp')],
      ['touch existing', () => fs.touch('/tmp/a')],
      ['mkdir -p existing', () => fs.mkdir('/tmp/d', true)],
      ['write into a missing dir', () => fs.writeFile('/nope/x', '')],
      ['remove missing', () => fs.remove('/tmp/nope')],
      ['/dev/null', () => fs.writeFile('/dev/null', 'x')],
    ];
    for (const [what, read] of still) {
      const v = fs.version;
      read();
      assert.equal(fs.version, v, what);
    }
  });

  it('the shape changes with everything but new contents for a plain file', () => {
    const fs = new VirtualFs();
    fs.writeFile('/a', 'x');
    fs.install('/cat', { kind: 'file', data: '', mode: 0o755, exe: { kind: 'applet', name: 'cat' } });
    let shape = fs.shape;
    fs.writeFile('/a', 'y');
    fs.writeFile('/a', 'z', true);
    assert.equal(fs.shape, shape);
    fs.writeFile('/cat', 'script');
    assert.ok(fs.shape > shape, 'an executable became a plain file');
    shape = fs.shape;
    fs.writeFile('/b', '');
    assert.ok(fs.shape > shape, 'a new file');
  });

  it('derived() forgets everything when the tree changes shape', () => {
    const fs = new VirtualFs();
    fs.derived().set('k', 1);
    assert.equal(fs.derived().get('k'), 1);
    fs.mkdir('/x');
    assert.equal(fs.derived().get('k'), undefined);
  });

  it('a clone shares derived() with its source until either changes shape, and never sees the other\'s later entries', () => {
    const src = new VirtualFs();
    src.mkdir('/bin');
    src.derived().set('k', 1);
    const a = src.clone();
    const b = src.clone();
    assert.equal(a.derived().get('k'), 1);
    a.writeFile('/bin/x', '');
    assert.equal(a.derived().get('k'), undefined);
    a.derived().set('k', 'a');
    assert.equal(b.derived().get('k'), 1);
    assert.equal(src.derived().get('k'), 1);
    src.mkdir('/y');
    src.derived().set('k', 'src');
    assert.equal(b.derived().get('k'), 1);
    // a clone of a clone: flattened once, the same tree and the same sharing
    const c = a.clone();
    assert.deepEqual(c.list('/bin'), { ok: true, value: ['x'] });
    assert.equal(c.derived().get('k'), 'a');
    c.remove('/bin/x');
    assert.deepEqual(a.list('/bin'), { ok: true, value: ['x'] });
  });

  it('filesystems at one FsState share derived(), whatever their shape numbers', () => {
    const [a, b] = pair();
    a.writeFile('/tmp/f', '');
    b.writeFile('/tmp/f', '');
    a.derived().set('k', 1);
    assert.equal(b.derived().get('k'), 1);
    b.writeFile('/tmp/g', '');
    assert.equal(b.derived().get('k'), undefined);
  });
});

describe('FsState (a tree named by its history)', () => {
  it('the same changes in the same order reach the same state; any other change does not', () => {
    const [a, b] = pair();
    for (const fs of [a, b]) {
      fs.writeFile('/tmp/f', 'x');
      fs.mkdir('/tmp/d/e', true);
      fs.setMode('/tmp/f', 0o755);
      fs.rename('/tmp/f', '/tmp/d/f');
      fs.remove('/tmp/d/e');
    }
    assert.ok(a.state !== undefined && a.state === b.state);
    const at = a.state;
    a.writeFile('/tmp/g', 'one');
    b.writeFile('/tmp/g', 'two');
    assert.notEqual(a.state, b.state);
    b.writeFile('/tmp/g', 'one');
    // the same tree as a's by another way: a different state (never the same state for different trees)
    assert.notEqual(a.state, b.state);
    assert.notEqual(a.state, at);
  });

  it('failed calls and calls that change nothing keep the state; a clone starts where its source is', () => {
    const [a] = pair();
    const s = a.state;
    a.writeFile('/nope/f', 'x');
    a.remove('/tmp/missing');
    a.mkdir('/tmp', true);
    a.touch('/tmp');
    assert.equal(a.state, s);
    a.touch('/tmp/t');
    assert.notEqual(a.state, s);
    assert.equal(a.clone().state, a.state);
  });

  it('an append and a write of the same text are different changes; paths and contents cannot run together', () => {
    const [a, b] = pair();
    a.writeFile('/tmp/f', 'x', true);
    b.writeFile('/tmp/f', 'x');
    assert.notEqual(a.state, b.state);
    const [c, d] = pair();
    c.writeFile('/tmp/a', 'b/c');
    d.writeFile('/tmp/ab', '/c');
    assert.notEqual(c.state, d.state);
  });

  it('stops following a long history or a large write', () => {
    const [a] = pair();
    for (let i = 0; i < 100 && a.state; i++) a.writeFile('/tmp/f', String(i));
    assert.equal(a.state, undefined);
    const [b] = pair();
    b.writeFile('/tmp/big', 'x'.repeat(10_000));
    assert.equal(b.state, undefined);
  });
});
