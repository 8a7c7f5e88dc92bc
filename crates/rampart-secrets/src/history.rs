//! Secrets in git history: every blob ever committed, scanned once, attributed to the commit
//! that first introduced it.
//!
//! A secret deleted from the working tree is still leaked: anyone with a clone can read it from
//! an older commit. So `rampart scan --history` looks at every blob reachable from any ref, not
//! only at HEAD. The work is split in two phases:
//!
//! 1. **Attribution** (one thread, objects only: commits and trees). All commits reachable from
//!    every ref are ordered oldest first, and each commit's tree is walked while skipping every
//!    subtree whose id was already walked: an unchanged directory has the same tree id, and all of
//!    its blobs were attributed by an earlier commit. Each tree object is therefore read once, so
//!    the cost is proportional to the number of distinct trees, not commits × files.
//! 2. **Scanning** (`jobs` threads). Each distinct blob is read and scanned exactly once, whatever
//!    the number of commits and paths it appears under.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use gix::ObjectId;
use gix::objs::tree::EntryKind;
use gix::prelude::*;
use rampart_core::{Finding, Provenance};
use rampart_engine::{Budget, looks_binary};

use crate::SecretsAnalyzer;

/// How a history scan runs.
#[derive(Debug, Clone)]
pub struct HistoryOptions {
    /// Threads scanning blobs; `0` means one per available core.
    pub jobs: usize,
    /// Blobs larger than this are skipped (counted, not read): they are rarely hand-written
    /// configuration, and decompressing them costs more than scanning everything else.
    pub max_blob_size: u64,
}

impl Default for HistoryOptions {
    fn default() -> Self {
        HistoryOptions {
            jobs: 0,
            max_blob_size: 20 * 1024 * 1024,
        }
    }
}

/// Counters for the summary line and for judging the speed of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HistoryStats {
    /// Commits reachable from any ref, each visited once.
    pub commits: u64,
    /// Distinct blobs handed to the analyzer.
    pub blobs_scanned: u64,
    /// Their total size.
    pub bytes_scanned: u64,
    pub blobs_skipped_binary: u64,
    pub blobs_skipped_large: u64,
}

/// What a history scan found.
#[derive(Debug, Clone, Default)]
pub struct HistoryResult {
    /// Sorted by path, line, then rule; each carries its [`Provenance`].
    pub findings: Vec<Finding>,
    /// `(object id or ref name, message)` for everything that could not be read. A broken object
    /// costs its own findings, never the scan.
    pub errors: Vec<(String, String)>,
    pub stats: HistoryStats,
}

/// Why a history scan could not start at all.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// The path is neither a work tree with `.git` nor a git directory (bare or not).
    #[error("{0} is not a git repository: {1}")]
    NotARepository(PathBuf, String),
    /// Without the refs there is no history to walk; a single broken ref is only an error entry.
    #[error("cannot list the references of {0}: {1}")]
    References(PathBuf, String),
    #[error("cannot start scanning threads: {0}")]
    Threads(String),
}

/// One commit of the graph, kept small: a large repository has millions of them.
struct CommitNode {
    id: ObjectId,
    tree: ObjectId,
    /// Committer time, seconds since the epoch.
    time: i64,
    /// Indices of parents present in the graph (missing ones were reported or are shallow).
    parents: Vec<u32>,
}

/// A blob and where it first appeared.
struct FirstSeen {
    blob: ObjectId,
    /// Index into the commit list.
    commit: u32,
    path: String,
}

/// What one blob produced.
#[derive(Default)]
struct BlobOutcome {
    findings: Vec<Finding>,
    error: Option<String>,
    scanned_bytes: Option<u64>,
    skipped_binary: bool,
    skipped_large: bool,
}

/// Opens the repository that contains `path`: the path itself (a work tree or a bare git
/// directory) or the nearest parent that is one, as `git` does from a subfolder.
fn open_repository(path: &Path) -> Result<gix::ThreadSafeRepository, HistoryError> {
    // Isolated: the user's and the system's git config must not change what is scanned, and a
    // scanned repository is untrusted input.
    let open = |p: &Path| gix::open::Options::isolated().open(p);
    let first_error = match open(path) {
        Ok(repo) => return Ok(repo),
        Err(e) => e.to_string(),
    };
    let absolute = std::fs::canonicalize(path)
        .map_err(|e| HistoryError::NotARepository(path.to_path_buf(), e.to_string()))?;
    absolute
        .ancestors()
        .skip(1)
        .find_map(|parent| open(parent).ok())
        .ok_or_else(|| HistoryError::NotARepository(path.to_path_buf(), first_error))
}

/// Scans every blob reachable from any ref of the repository at or above `repo` (a work tree
/// or a bare git directory) and returns findings attributed to the commit that introduced each blob.
pub fn scan_history(
    repo: &Path,
    analyzer: &SecretsAnalyzer,
    opts: &HistoryOptions,
) -> Result<HistoryResult, HistoryError> {
    let sync = open_repository(repo)?;
    let handle = sync.to_thread_local();
    let mut errors: Vec<(String, String)> = Vec::new();

    let tips = ref_tips(&handle, repo, &mut errors)?;
    let commits = commit_graph(&handle, tips, &mut errors);
    let order = oldest_first(&commits);
    let firsts = first_appearances(&handle, &commits, &order, &mut errors);
    let head_blobs = head_blobs(&handle, &mut errors);

    let outcomes = scan_blobs(&sync, analyzer, opts, &commits, &firsts)?;

    let mut stats = HistoryStats {
        commits: commits.len() as u64,
        ..HistoryStats::default()
    };
    // Findings grouped with their blob, so provenance can be filled in afterwards.
    let mut per_blob: Vec<(usize, Vec<Finding>)> = Vec::new();
    for (i, o) in outcomes.into_iter().enumerate() {
        if let Some(message) = o.error {
            errors.push((firsts[i].blob.to_string(), message));
        }
        if let Some(n) = o.scanned_bytes {
            stats.blobs_scanned += 1;
            stats.bytes_scanned += n;
        }
        stats.blobs_skipped_binary += u64::from(o.skipped_binary);
        stats.blobs_skipped_large += u64::from(o.skipped_large);
        if !o.findings.is_empty() {
            per_blob.push((i, o.findings));
        }
    }

    // A secret is still live if the same value is anywhere in HEAD's tree, whichever blob or
    // path it was first committed in.
    let live: HashSet<String> = per_blob
        .iter()
        .filter(|(i, _)| head_blobs.contains(&firsts[*i].blob))
        .flat_map(|(_, fs)| fs.iter().filter_map(|f| f.secret.as_ref()))
        .map(|s| s.sha256.clone())
        .collect();

    let mut commit_info: HashMap<u32, (String, String)> = HashMap::new();
    let mut findings = Vec::new();
    for (i, fs) in per_blob {
        let first = &firsts[i];
        let node = &commits[first.commit as usize];
        let (author, date) = commit_info
            .entry(first.commit)
            .or_insert_with(|| (author_of(&handle, node.id), rfc3339_utc(node.time)))
            .clone();
        let in_blob_at_head = head_blobs.contains(&first.blob);
        for mut f in fs {
            let in_head = f
                .secret
                .as_ref()
                .map_or(in_blob_at_head, |s| live.contains(&s.sha256));
            f.location.path = first.path.clone();
            f.provenance = Some(Provenance {
                commit: node.id.to_string(),
                author: author.clone(),
                date: date.clone(),
                path: first.path.clone(),
                in_head,
                blob: first.blob.to_string(),
            });
            findings.push(f);
        }
    }
    findings.sort_by(|a, b| {
        let origin = |f: &Finding| {
            f.provenance
                .as_ref()
                .map(|p| (p.date.clone(), p.blob.clone()))
        };
        (
            a.location.path.as_str(),
            a.location.start_line,
            a.rule_id.as_str(),
        )
            .cmp(&(
                b.location.path.as_str(),
                b.location.start_line,
                b.rule_id.as_str(),
            ))
            .then(a.location.start_column.cmp(&b.location.start_column))
            .then_with(|| origin(a).cmp(&origin(b)))
    });
    errors.sort();
    Ok(HistoryResult {
        findings,
        errors,
        stats,
    })
}

/// Every object a ref or HEAD points to, tags peeled. Remote-tracking branches, tags and stashes
/// count: a secret pushed only to a side branch is as leaked as one on `main`.
fn ref_tips(
    repo: &gix::Repository,
    path: &Path,
    errors: &mut Vec<(String, String)>,
) -> Result<Vec<ObjectId>, HistoryError> {
    let mut tips = Vec::new();
    // An unborn HEAD (empty repository) is not an error.
    if let Ok(id) = repo.head_id() {
        tips.push(id.detach());
    }
    let refs_err = |e: gix::Error| HistoryError::References(path.to_path_buf(), e.to_string());
    let platform = repo.references().map_err(refs_err)?;
    for r in platform.all().map_err(refs_err)? {
        match r {
            Ok(mut r) => {
                let name = r.name().as_bstr().to_string();
                match r.peel_to_id() {
                    Ok(id) => tips.push(id.detach()),
                    Err(e) => errors.push((name, e.to_string())),
                }
            }
            Err(e) => errors.push(("refs".into(), e.to_string())),
        }
    }
    tips.sort();
    tips.dedup();
    Ok(tips)
}

/// All commits reachable from `tips`, each read once. Tips that are not commits (a tag on a tree
/// or a blob) are passed over; missing parents are errors unless the clone is shallow.
fn commit_graph(
    repo: &gix::Repository,
    tips: Vec<ObjectId>,
    errors: &mut Vec<(String, String)>,
) -> Vec<CommitNode> {
    let shallow = repo.is_shallow().unwrap_or(false);
    let tip_set: HashSet<ObjectId> = tips.iter().copied().collect();
    let mut index: gix::hashtable::HashMap<ObjectId, u32> = Default::default();
    let mut nodes: Vec<CommitNode> = Vec::new();
    let mut parent_ids: Vec<Vec<ObjectId>> = Vec::new();
    let mut visited: gix::hashtable::HashSet<ObjectId> = Default::default();
    let mut stack = tips;
    let mut buf = Vec::new();
    while let Some(id) = stack.pop() {
        if !visited.insert(id) {
            continue;
        }
        let data = match repo.objects.try_find(&id, &mut buf) {
            Ok(Some(d)) => d,
            Ok(None) => {
                if !shallow {
                    errors.push((id.to_string(), "commit not found".into()));
                }
                continue;
            }
            Err(e) => {
                errors.push((id.to_string(), e.to_string()));
                continue;
            }
        };
        if data.kind != gix::object::Kind::Commit {
            if !tip_set.contains(&id) {
                errors.push((
                    id.to_string(),
                    format!("expected a commit, found a {}", data.kind),
                ));
            }
            continue;
        }
        let mut tree = None;
        let mut time = 0;
        let mut parents = Vec::new();
        let mut broken = None;
        for token in gix::objs::CommitRefIter::from_bytes(data.data, data.object_hash) {
            use gix::objs::commit::ref_iter::Token;
            match token {
                Ok(Token::Tree { id }) => tree = Some(id),
                Ok(Token::Parent { id }) => parents.push(id),
                Ok(Token::Committer { signature }) => {
                    time = signature.seconds();
                    break;
                }
                Ok(_) => {}
                Err(e) => {
                    broken = Some(e.to_string());
                    break;
                }
            }
        }
        let Some(tree) = tree else {
            let message = broken.unwrap_or_else(|| "commit without a tree".into());
            errors.push((id.to_string(), message));
            continue;
        };
        stack.extend(parents.iter().filter(|p| !visited.contains(*p)).copied());
        index.insert(id, nodes.len() as u32);
        nodes.push(CommitNode {
            id,
            tree,
            time,
            parents: Vec::new(),
        });
        parent_ids.push(parents);
    }
    for (node, parents) in nodes.iter_mut().zip(parent_ids) {
        node.parents = parents
            .iter()
            .filter_map(|p| index.get(p).copied())
            .collect();
    }
    nodes
}

/// Commit indices, oldest first: by committer time, ties by id, and never a commit before its
/// parents. Clocks lie (rebases, skewed machines); when a child claims to be older than its
/// parent, the parent still comes first, so a blob is attributed to the commit that really
/// introduced it. With honest clocks this is plain ascending commit time.
fn oldest_first(commits: &[CommitNode]) -> Vec<u32> {
    let mut pending: Vec<u32> = commits.iter().map(|c| c.parents.len() as u32).collect();
    let mut children: Vec<Vec<u32>> = vec![Vec::new(); commits.len()];
    for (i, c) in commits.iter().enumerate() {
        for &p in &c.parents {
            children[p as usize].push(i as u32);
        }
    }
    let key = |i: u32| Reverse((commits[i as usize].time, commits[i as usize].id, i));
    let mut ready: BinaryHeap<_> = (0..commits.len() as u32)
        .filter(|&i| pending[i as usize] == 0)
        .map(key)
        .collect();
    let mut order = Vec::with_capacity(commits.len());
    while let Some(Reverse((_, _, i))) = ready.pop() {
        order.push(i);
        for &c in &children[i as usize] {
            pending[c as usize] -= 1;
            if pending[c as usize] == 0 {
                ready.push(key(c));
            }
        }
    }
    order
}

/// Walks each commit's tree in `order`, skipping subtrees already walked, and records every blob
/// the first time it is met, with its path there. Submodule entries (commits) are skipped: their
/// history belongs to another repository.
fn first_appearances(
    repo: &gix::Repository,
    commits: &[CommitNode],
    order: &[u32],
    errors: &mut Vec<(String, String)>,
) -> Vec<FirstSeen> {
    let mut seen_trees: gix::hashtable::HashSet<ObjectId> = Default::default();
    let mut seen_blobs: gix::hashtable::HashSet<ObjectId> = Default::default();
    let mut firsts = Vec::new();
    let mut stack: Vec<(ObjectId, Vec<u8>)> = Vec::new();
    let mut buf = Vec::new();
    for &ci in order {
        let root = commits[ci as usize].tree;
        if !seen_trees.insert(root) {
            continue;
        }
        stack.push((root, Vec::new()));
        while let Some((tree, prefix)) = stack.pop() {
            let entries = match repo.objects.find_tree_iter(&tree, &mut buf) {
                Ok(it) => it,
                Err(e) => {
                    errors.push((tree.to_string(), e.to_string()));
                    continue;
                }
            };
            for entry in entries {
                let entry = match entry {
                    Ok(e) => e,
                    Err(e) => {
                        errors.push((tree.to_string(), e.to_string()));
                        break;
                    }
                };
                let join = || {
                    let mut p = prefix.clone();
                    p.extend_from_slice(entry.filename);
                    p
                };
                match entry.mode.kind() {
                    EntryKind::Tree => {
                        if seen_trees.insert(entry.oid.to_owned()) {
                            let mut p = join();
                            p.push(b'/');
                            stack.push((entry.oid.to_owned(), p));
                        }
                    }
                    EntryKind::Blob | EntryKind::BlobExecutable | EntryKind::Link => {
                        if seen_blobs.insert(entry.oid.to_owned()) {
                            firsts.push(FirstSeen {
                                blob: entry.oid.to_owned(),
                                commit: ci,
                                path: String::from_utf8_lossy(&join()).into_owned(),
                            });
                        }
                    }
                    EntryKind::Commit => {}
                }
            }
        }
    }
    firsts
}

/// Every blob id in HEAD's tree (all of it: here nothing may be skipped), to tell which secrets
/// are still live. Empty when HEAD is unborn or not a commit.
fn head_blobs(
    repo: &gix::Repository,
    errors: &mut Vec<(String, String)>,
) -> gix::hashtable::HashSet<ObjectId> {
    let mut blobs: gix::hashtable::HashSet<ObjectId> = Default::default();
    let Ok(tree) = repo.head_tree_id() else {
        return blobs;
    };
    let mut seen_trees: gix::hashtable::HashSet<ObjectId> = Default::default();
    let mut stack = vec![tree.detach()];
    let mut buf = Vec::new();
    while let Some(tree) = stack.pop() {
        let entries = match repo.objects.find_tree_iter(&tree, &mut buf) {
            Ok(it) => it,
            Err(e) => {
                errors.push((tree.to_string(), e.to_string()));
                continue;
            }
        };
        for entry in entries {
            let Ok(entry) = entry else { break };
            match entry.mode.kind() {
                EntryKind::Tree => {
                    if seen_trees.insert(entry.oid.to_owned()) {
                        stack.push(entry.oid.to_owned());
                    }
                }
                EntryKind::Blob | EntryKind::BlobExecutable | EntryKind::Link => {
                    blobs.insert(entry.oid.to_owned());
                }
                EntryKind::Commit => {}
            }
        }
    }
    blobs
}

/// Scans each blob once on `opts.jobs` threads. Each thread keeps one repository handle (and with
/// it one pack delta cache) for its whole life and pulls the next blob from a shared counter, so
/// the load balances without any per-blob handle set-up. Outcomes come back in `firsts` order.
fn scan_blobs(
    sync: &gix::ThreadSafeRepository,
    analyzer: &SecretsAnalyzer,
    opts: &HistoryOptions,
    commits: &[CommitNode],
    firsts: &[FirstSeen],
) -> Result<Vec<BlobOutcome>, HistoryError> {
    let jobs = if opts.jobs == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        opts.jobs
    }
    .min(firsts.len().max(1));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("rampart-history-{i}"))
        .build()
        .map_err(|e| HistoryError::Threads(e.to_string()))?;
    let commit_hex: Vec<String> = commits.iter().map(|c| c.id.to_string()).collect();
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, BlobOutcome)>> = Mutex::new(Vec::with_capacity(firsts.len()));
    pool.broadcast(|_| {
        let repo = sync.to_thread_local();
        let budget = Budget::unlimited();
        let mut buf = Vec::new();
        let mut local = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(first) = firsts.get(i) else { break };
            let commit = &commit_hex[first.commit as usize];
            // A panic on one malformed blob (in a decoder or a rule) costs that blob only.
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                scan_blob(&repo, analyzer, opts, first, commit, &budget, &mut buf)
            }))
            .unwrap_or_else(|_| BlobOutcome {
                error: Some(format!("{}: the scan of this blob panicked", first.path)),
                ..BlobOutcome::default()
            });
            local.push((i, outcome));
        }
        results
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .extend(local);
    });
    let mut results = results
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    results.sort_by_key(|(i, _)| *i);
    Ok(results.into_iter().map(|(_, o)| o).collect())
}

/// Reads and scans one blob. The size comes from the object header first, so an oversized blob
/// is never decompressed.
fn scan_blob(
    repo: &gix::Repository,
    analyzer: &SecretsAnalyzer,
    opts: &HistoryOptions,
    first: &FirstSeen,
    commit: &str,
    budget: &Budget,
    buf: &mut Vec<u8>,
) -> BlobOutcome {
    let mut out = BlobOutcome::default();
    match repo.objects.try_header(&first.blob) {
        Ok(Some(h)) if h.size() > opts.max_blob_size => {
            out.skipped_large = true;
            return out;
        }
        Ok(_) => {}
        Err(e) => {
            out.error = Some(e.to_string());
            return out;
        }
    }
    let data = match repo.objects.try_find(&first.blob, buf) {
        Ok(Some(d)) if d.kind == gix::object::Kind::Blob => d.data,
        Ok(Some(d)) => {
            out.error = Some(format!("expected a blob, found a {}", d.kind));
            return out;
        }
        Ok(None) => {
            out.error = Some("blob not found".into());
            return out;
        }
        Err(e) => {
            out.error = Some(e.to_string());
            return out;
        }
    };
    if data.len() as u64 > opts.max_blob_size {
        out.skipped_large = true;
        return out;
    }
    if looks_binary(data) {
        out.skipped_binary = true;
        return out;
    }
    out.scanned_bytes = Some(data.len() as u64);
    match analyzer.find(data, &first.path, Some(commit), budget) {
        Ok(f) => out.findings = f,
        Err(e) => out.error = Some(format!("{}: {e}", first.path)),
    }
    out
}

/// `Name <email>` of a commit's author, read again only for commits that have findings, so the
/// graph walk need not keep a string per commit.
fn author_of(repo: &gix::Repository, id: ObjectId) -> String {
    let mut buf = Vec::new();
    repo.objects
        .find_commit_iter(&id, &mut buf)
        .and_then(|c| c.author())
        .map(|a| {
            let a = a.trim();
            format!("{} <{}>", a.name, a.email)
        })
        .unwrap_or_default()
}

/// Seconds since the epoch as RFC 3339 in UTC (`2024-05-01T12:00:00Z`). Days to civil date after
/// Howard Hinnant's algorithm; correct for dates before 1970 too.
fn rfc3339_utc(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::rfc3339_utc;

    #[test]
    fn formats_utc_dates() {
        assert_eq!(rfc3339_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339_utc(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(rfc3339_utc(-1), "1969-12-31T23:59:59Z");
        assert_eq!(rfc3339_utc(4_102_444_800), "2100-01-01T00:00:00Z");
    }
}
