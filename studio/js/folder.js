// The File System Access API (Edge, Chrome) for the studio: a folder chosen read-write, read
// whole (its content/ when it has one; hidden files left out) and written back all or nothing (writeFiles).
export function canPickFolder() {
  return typeof window.showDirectoryPicker === 'function';
}

export async function pickFolder() {
  return await window.showDirectoryPicker({ id: 'onshi-content', mode: 'readwrite' });
}

export async function readFolder(root) {
  const out = [];
  let start = root;
  let prefix = '';
  try {
    start = await root.getDirectoryHandle('content');
    prefix = 'content/';
  } catch {
    // The content folder itself was chosen.
  }
  async function walk(dir, path, depth) {
    if (depth > 8) return;
    for await (const [name, handle] of dir.entries()) {
      if (name.startsWith('.')) continue;
      if (handle.kind === 'directory') {
        await walk(handle, `${path}${name}/`, depth + 1);
      } else {
        const file = await handle.getFile();
        if (file.size <= 16 * 1024 * 1024) out.push([`${path}${name}`, new Uint8Array(await file.arrayBuffer())]);
      }
    }
  }
  await walk(start, prefix, 0);
  return out;
}

// Writes every file or none: each is first written in full to the browser's temporary copy
// (createWritable), and only when all were, each replaces its file (close); a failure before
// that drops every copy (abort), so the folder is as it was. (The API has no rename of many files
// at once: a close that fails after another succeeded is the one case it cannot undo.)
// Each entry's third is the file as the studio last read or saved it (null: a new file): if the
// folder no longer has it so (a colleague's save, a text editor), nothing is written and the
// error's `changed` names those files.
export async function writeFiles(root, entries) {
  const changed = [];
  for (const [path, , base] of entries) {
    const now = await read(root, path);
    if (!same(now, base)) changed.push(path);
  }
  if (changed.length > 0) throw Object.assign(new Error('changed on disk'), { changed });
  const open = [];
  try {
    for (const [path, bytes] of entries) {
      const parts = path.split('/');
      const name = parts.pop();
      let dir = root;
      for (const part of parts) dir = await dir.getDirectoryHandle(part, { create: true });
      const handle = await dir.getFileHandle(name, { create: true });
      const writable = await handle.createWritable();
      open.push(writable);
      await writable.write(bytes);
    }
  } catch (e) {
    await Promise.all(open.map((w) => w.abort().catch(() => {})));
    throw e;
  }
  for (const writable of open) await writable.close();
}

// The bytes of the file at `path` under `root`, or null when there is none.
async function read(root, path) {
  const parts = path.split('/');
  const name = parts.pop();
  try {
    let dir = root;
    for (const part of parts) dir = await dir.getDirectoryHandle(part);
    const file = await (await dir.getFileHandle(name)).getFile();
    return new Uint8Array(await file.arrayBuffer());
  } catch {
    return null;
  }
}

// Whether the file now (`a`, null: none) is the one read (`b`, null: none).
function same(a, b) {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
