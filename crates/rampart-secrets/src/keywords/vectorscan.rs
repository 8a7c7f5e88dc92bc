//! A minimal binding to Vectorscan's literal API (`hs_compile_lit_multi`, block mode), linked
//! statically from Debian's `libvectorscan-dev` by `build.rs`. Only what the keyword pass needs.

use std::ffi::{CStr, c_char, c_int, c_uint, c_void};
use std::path::Path;
use std::ptr;
use std::sync::Mutex;

mod cache;

#[repr(C)]
struct HsDatabase {
    _private: [u8; 0],
}
#[repr(C)]
struct HsScratch {
    _private: [u8; 0],
}
#[repr(C)]
struct HsCompileError {
    message: *mut c_char,
    expression: c_int,
}

type MatchHandler = unsafe extern "C" fn(c_uint, u64, u64, c_uint, *mut c_void) -> c_int;

const HS_SUCCESS: c_int = 0;
const HS_FLAG_CASELESS: c_uint = 1;
const HS_MODE_BLOCK: c_uint = 1;

unsafe extern "C" {
    fn hs_compile_lit_multi(
        expressions: *const *const c_char,
        flags: *const c_uint,
        ids: *const c_uint,
        lens: *const usize,
        elements: c_uint,
        mode: c_uint,
        platform: *const c_void,
        db: *mut *mut HsDatabase,
        error: *mut *mut HsCompileError,
    ) -> c_int;
    fn hs_free_compile_error(error: *mut HsCompileError) -> c_int;
    fn hs_serialize_database(
        db: *const HsDatabase,
        bytes: *mut *mut c_char,
        length: *mut usize,
    ) -> c_int;
    fn hs_deserialize_database(
        bytes: *const c_char,
        length: usize,
        db: *mut *mut HsDatabase,
    ) -> c_int;
    fn hs_version() -> *const c_char;
    /// Vectorscan allocates serialized databases with the C allocator (its default).
    fn free(ptr: *mut c_void);
    fn hs_free_database(db: *mut HsDatabase) -> c_int;
    fn hs_alloc_scratch(db: *const HsDatabase, scratch: *mut *mut HsScratch) -> c_int;
    fn hs_clone_scratch(src: *const HsScratch, dest: *mut *mut HsScratch) -> c_int;
    fn hs_free_scratch(scratch: *mut HsScratch) -> c_int;
    fn hs_scan(
        db: *const HsDatabase,
        data: *const c_char,
        length: c_uint,
        flags: c_uint,
        scratch: *mut HsScratch,
        on_event: MatchHandler,
        context: *mut c_void,
    ) -> c_int;
}

/// A compiled set of case-insensitive literals, with a pool of scratch spaces (one is needed
/// per concurrent scan).
pub(crate) struct LiteralSet {
    db: *mut HsDatabase,
    lens: Vec<usize>,
    /// The longest literal: how far chunks of a > 4 GiB buffer overlap.
    longest: usize,
    prototype: *mut HsScratch,
    pool: Mutex<Vec<*mut HsScratch>>,
}

// SAFETY: the database is immutable after compilation and may be shared between threads
// (Vectorscan's documented contract); scratch spaces are handed to one thread at a time by the pool.
unsafe impl Send for LiteralSet {}
unsafe impl Sync for LiteralSet {}

impl LiteralSet {
    /// The compiled set, from the on-disk cache when an identical set was compiled before
    /// (compiling ~800 literals takes ~50 ms, most of a small scan's start-up; loading a
    /// serialized database takes well under a millisecond).
    pub(crate) fn new(literals: &[String]) -> Result<LiteralSet, String> {
        LiteralSet::cached_in(literals, cache::dir().as_deref())
    }

    /// The set, cached in `dir` (`None`: compiled, not cached).
    fn cached_in(literals: &[String], dir: Option<&Path>) -> Result<LiteralSet, String> {
        let lens: Vec<usize> = literals.iter().map(String::len).collect();
        let path = dir.map(|d| cache::path(d, &cache::key(literals, &version())));
        let cached = path.as_deref().and_then(cache::load);
        if let Some(db) = cached.and_then(|bytes| deserialize(&bytes)) {
            return LiteralSet::with_db(db, lens);
        }
        let db = compile(literals)?;
        if let (Some(path), Some(bytes)) = (path, serialize(db)) {
            cache::store(&path, &bytes);
        }
        LiteralSet::with_db(db, lens)
    }

    fn with_db(db: *mut HsDatabase, lens: Vec<usize>) -> Result<LiteralSet, String> {
        let mut prototype = ptr::null_mut();
        // SAFETY: `db` is a valid database owned by the caller, handed over here.
        let rc = unsafe { hs_alloc_scratch(db, &mut prototype) };
        if rc != HS_SUCCESS {
            // SAFETY: `db` is ours and not used after this.
            unsafe { hs_free_database(db) };
            return Err(format!("hs_alloc_scratch failed ({rc})"));
        }
        Ok(LiteralSet {
            db,
            longest: lens.iter().copied().max().unwrap_or(0),
            lens,
            prototype,
            pool: Mutex::new(Vec::new()),
        })
    }

    /// Calls `hit(literal, start, end)` for every occurrence, in order of `end`.
    pub(crate) fn for_each(&self, bytes: &[u8], hit: &mut dyn FnMut(usize, usize, usize)) {
        let scratch = self.take_scratch();
        let mut context = Context {
            lens: &self.lens,
            hit,
            base: 0,
            seen_until: 0,
        };
        // Block mode takes a 32-bit length; files are capped far below that, but stay correct
        // for larger ones by scanning in overlapping chunks.
        let longest = self.longest;
        let chunk = (c_uint::MAX as usize) - longest;
        let mut offset = 0;
        loop {
            let end = (offset + chunk).min(bytes.len());
            context_scan(self.db, &bytes[offset..end], offset, scratch, &mut context);
            if end == bytes.len() {
                break;
            }
            // The next chunk starts early enough to see a literal that straddles the boundary;
            // occurrences ending inside the previous chunk were reported already.
            context.seen_until = end;
            offset = end - longest.saturating_sub(1);
        }
        self.pool.lock().expect("scratch pool").push(scratch);
    }

    fn take_scratch(&self) -> *mut HsScratch {
        if let Some(s) = self.pool.lock().expect("scratch pool").pop() {
            return s;
        }
        let mut scratch = ptr::null_mut();
        // SAFETY: the prototype is only read here; cloning is the documented way to get one
        // scratch per thread.
        let rc = unsafe { hs_clone_scratch(self.prototype, &mut scratch) };
        assert_eq!(rc, HS_SUCCESS, "hs_clone_scratch: out of memory");
        scratch
    }
}

struct Context<'a> {
    lens: &'a [usize],
    hit: &'a mut dyn FnMut(usize, usize, usize),
    /// Offset of the scanned chunk in the whole buffer.
    base: usize,
    /// Occurrences ending at or before this offset were reported by the previous chunk.
    seen_until: usize,
}

fn context_scan(
    db: *const HsDatabase,
    data: &[u8],
    base: usize,
    scratch: *mut HsScratch,
    context: &mut Context<'_>,
) {
    context.base = base;
    // SAFETY: `data` is valid for its length (< 2^32 by construction), `scratch` belongs to
    // this thread for the call, and `context` outlives it.
    let rc = unsafe {
        hs_scan(
            db,
            data.as_ptr().cast(),
            data.len() as c_uint,
            0,
            scratch,
            on_match,
            (context as *mut Context<'_>).cast(),
        )
    };
    debug_assert_eq!(rc, HS_SUCCESS, "hs_scan");
}

unsafe extern "C" fn on_match(
    id: c_uint,
    _from: u64,
    to: u64,
    _flags: c_uint,
    ctx: *mut c_void,
) -> c_int {
    // SAFETY: `ctx` is the `Context` passed to `hs_scan` by `context_scan`.
    let context = unsafe { &mut *ctx.cast::<Context<'_>>() };
    let id = id as usize;
    let end = context.base + to as usize;
    if end > context.seen_until {
        (context.hit)(id, end - context.lens[id], end);
    }
    0
}

fn compile(literals: &[String]) -> Result<*mut HsDatabase, String> {
    let ptrs: Vec<*const c_char> = literals.iter().map(|l| l.as_ptr().cast()).collect();
    let lens: Vec<usize> = literals.iter().map(String::len).collect();
    let flags = vec![HS_FLAG_CASELESS; literals.len()];
    let ids: Vec<c_uint> = (0..literals.len() as c_uint).collect();
    let mut db = ptr::null_mut();
    let mut error = ptr::null_mut();
    // SAFETY: every array has `literals.len()` elements and outlives the call; the literal
    // API takes explicit lengths, so the strings need no NUL terminator.
    let rc = unsafe {
        hs_compile_lit_multi(
            ptrs.as_ptr(),
            flags.as_ptr(),
            ids.as_ptr(),
            lens.as_ptr(),
            literals.len() as c_uint,
            HS_MODE_BLOCK,
            ptr::null(),
            &mut db,
            &mut error,
        )
    };
    if rc != HS_SUCCESS {
        return Err(compile_error(error, rc));
    }
    Ok(db)
}

/// The database as bytes, `None` if Vectorscan cannot serialize it.
fn serialize(db: *const HsDatabase) -> Option<Vec<u8>> {
    let mut bytes = ptr::null_mut();
    let mut length = 0;
    // SAFETY: `db` is valid; on success Vectorscan hands us a malloc'd buffer of `length` bytes,
    // copied and freed here.
    unsafe {
        if hs_serialize_database(db, &mut bytes, &mut length) != HS_SUCCESS || bytes.is_null() {
            return None;
        }
        let out = std::slice::from_raw_parts(bytes.cast::<u8>(), length).to_vec();
        free(bytes.cast());
        Some(out)
    }
}

/// A database from bytes `serialize` wrote; `None` when Vectorscan refuses them (another
/// version, or a CPU without the features the database was built for).
fn deserialize(bytes: &[u8]) -> Option<*mut HsDatabase> {
    let mut db = ptr::null_mut();
    // SAFETY: `bytes` is valid for its length; Vectorscan checks the header (magic, version,
    // platform, CRC) before using them.
    let rc = unsafe { hs_deserialize_database(bytes.as_ptr().cast(), bytes.len(), &mut db) };
    (rc == HS_SUCCESS && !db.is_null()).then_some(db)
}

fn version() -> String {
    // SAFETY: `hs_version` returns a static NUL-terminated string.
    unsafe { CStr::from_ptr(hs_version()) }
        .to_string_lossy()
        .into_owned()
}

fn compile_error(error: *mut HsCompileError, rc: c_int) -> String {
    if error.is_null() {
        return format!("hs_compile_lit_multi failed ({rc})");
    }
    // SAFETY: a non-null error from the compiler holds a NUL-terminated message; freed once.
    unsafe {
        let message = CStr::from_ptr((*error).message)
            .to_string_lossy()
            .into_owned();
        let expression = (*error).expression;
        hs_free_compile_error(error);
        format!("keyword {expression}: {message}")
    }
}

impl Drop for LiteralSet {
    fn drop(&mut self) {
        // SAFETY: everything here was allocated by Vectorscan for this set and is freed once.
        unsafe {
            for s in self.pool.get_mut().expect("scratch pool").drain(..) {
                hs_free_scratch(s);
            }
            hs_free_scratch(self.prototype);
            hs_free_database(self.db);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(set: &LiteralSet, text: &[u8]) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        set.for_each(text, &mut |k, s, e| out.push((k, s, e)));
        out
    }

    #[test]
    fn a_cached_database_finds_what_a_compiled_one_finds() {
        let literals: Vec<String> = ["sk-", "sk-ant-", "password", "akia"]
            .map(String::from)
            .to_vec();
        let text = b"x sk-ant-abc PASSWORD=1 akia sk- password";
        let dir = tempfile::tempdir().unwrap();
        let compiled = hits(&LiteralSet::cached_in(&literals, None).unwrap(), text);
        assert_eq!(compiled.len(), 6);
        let first = LiteralSet::cached_in(&literals, Some(dir.path())).unwrap();
        let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(files.len(), 1, "one database file, no temporary left");
        let path = files[0].as_ref().unwrap().path();
        assert!(cache::load(&path).is_some());
        assert_eq!(hits(&first, text), compiled);
        let loaded = LiteralSet::cached_in(&literals, Some(dir.path())).unwrap();
        assert_eq!(hits(&loaded, text), compiled);
        // A corrupted file is ignored and rewritten.
        let mut bytes = std::fs::read(&path).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 0xff;
        std::fs::write(&path, &bytes).unwrap();
        assert!(cache::load(&path).is_none());
        let recompiled = LiteralSet::cached_in(&literals, Some(dir.path())).unwrap();
        assert_eq!(hits(&recompiled, text), compiled);
        assert!(cache::load(&path).is_some());
    }
}
