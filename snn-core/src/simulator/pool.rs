//! A persistent pool of worker threads for the simulator's parallel loops.
//!
//! A step of a large model has one parallel loop (stepping blocks of
//! neurons) surrounded by short serial work (nodes, filters, decoding). A
//! general fork-join runtime spends tens of microseconds waking threads for
//! each loop, more than a whole step of a small model. These workers live as
//! long as the simulator, spin between loops for a while (so the next step
//! finds them awake) and then sleep on a condition variable; a loop costs
//! one atomic publish and one barrier.
//!
//! Each thread first runs the tasks of its own section of the loop (thread
//! `k` of `n` owns tasks `k·tasks/n ..`), so a block of neurons stepped in
//! every step stays in the cache of the core that stepped it last; a thread
//! that runs out takes what is left of the others' sections. Which thread
//! runs a task can still vary from run to run (a late worker's section is
//! taken over); callers make each task's result independent of that. The
//! caller waits for the tasks, not for the workers: a worker the operating
//! system has not scheduled (another program busy on the machine) simply
//! takes no part, and the caller runs its share.

use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::JoinHandle;

/// How long an idle worker polls for the next loop before sleeping: longer
/// than the serial part of a step of any model that has parallel stages,
/// so a running simulation never pays a wake-up (a futex call, several
/// microseconds), and short enough that an idle simulator frees the core.
const SPIN_BEFORE_SLEEP: std::time::Duration = std::time::Duration::from_micros(200);

/// Polls of a waiting caller before it starts yielding its core.
const SPINS_BEFORE_YIELD: u32 = 1 << 10;

/// A loop body shared with the workers for the duration of one [`Pool::run`].
#[derive(Clone, Copy)]
struct Job {
    /// `&'a (dyn Fn(usize) + Sync + 'a)` with its lifetime erased; valid
    /// while the job is published (see `run`).
    body: *const (dyn Fn(usize) + Sync + 'static),
    tasks: usize,
    epoch: u64,
}

// SAFETY: `body` points to a `Sync` closure, which may be called from any
// thread; `Pool::run` keeps it alive until no worker can touch it.
#[allow(unsafe_code)]
unsafe impl Send for Job {}

struct Shared {
    /// Threads taking part, the caller included.
    threads: usize,
    /// Bumped to publish a job.
    epoch: AtomicU64,
    job: Mutex<Option<Job>>,
    /// The next unclaimed task of each thread's section of the current job
    /// (the section of thread `k` ends where thread `k + 1`'s begins).
    cursors: Box<[Cursor]>,
    /// Tasks of the current job that have returned.
    done: AtomicUsize,
    /// Workers that took the current job and have not let go of it.
    active: AtomicUsize,
    /// Workers that ran at least one task of the current job.
    helpers: AtomicUsize,
    /// Workers asleep (or about to sleep) on `wake`.
    sleepers: AtomicUsize,
    sleep_lock: Mutex<()>,
    wake: Condvar,
    shutdown: AtomicBool,
    /// A task panicked on a worker; the panic is re-raised on the caller.
    panic: Mutex<Option<Box<dyn std::any::Any + Send>>>,
}

/// Worker threads that run [`run`](Pool::run) loops together with the caller.
pub(crate) struct Pool {
    shared: Arc<Shared>,
    workers: Vec<JoinHandle<()>>,
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool")
            .field("threads", &self.threads())
            .finish()
    }
}

impl Pool {
    /// A pool running loops on `threads` threads: the caller and
    /// `threads - 1` workers.
    pub fn new(threads: usize) -> Self {
        let shared = Arc::new(Shared {
            threads: threads.max(1),
            epoch: AtomicU64::new(0),
            job: Mutex::new(None),
            cursors: (0..threads.max(1)).map(|_| Cursor::default()).collect(),
            done: AtomicUsize::new(0),
            active: AtomicUsize::new(0),
            helpers: AtomicUsize::new(0),
            sleepers: AtomicUsize::new(0),
            sleep_lock: Mutex::new(()),
            wake: Condvar::new(),
            shutdown: AtomicBool::new(false),
            panic: Mutex::new(None),
        });
        let workers = (1..threads.max(1))
            .map(|k| {
                let shared = Arc::clone(&shared);
                std::thread::Builder::new()
                    .name(format!("snn-worker-{k}"))
                    .spawn(move || worker(&shared, k))
                    .expect("the operating system refused to start a simulator thread")
            })
            .collect();
        Self { shared, workers }
    }

    /// Threads taking part in a loop, the caller included.
    pub fn threads(&self) -> usize {
        self.workers.len() + 1
    }

    /// Calls `body(i)` for every `i` in `0..tasks`, spread over the pool's
    /// threads, and returns when all calls have returned, with the number
    /// of threads that ran any of them (the caller and the workers that
    /// took part: a worker the operating system has not scheduled yet
    /// takes none). A panic in a task is re-raised here.
    pub fn run(&self, tasks: usize, body: &(dyn Fn(usize) + Sync)) -> usize {
        if self.workers.is_empty() || tasks <= 1 {
            (0..tasks).for_each(body);
            return 1;
        }
        let shared = &*self.shared;
        // SAFETY (lifetime erasure): workers reach the pointer only through
        // the `job` slot, and only while holding its lock they register in
        // `active`. Before returning, this function clears the slot (so no
        // worker can take the job any more) and waits for `active` to drop
        // to zero (so no worker still holds it).
        #[allow(unsafe_code)]
        let erased: *const (dyn Fn(usize) + Sync + 'static) = unsafe {
            std::mem::transmute::<*const (dyn Fn(usize) + Sync + '_), _>(body as *const _)
        };
        let epoch = shared.epoch.load(Ordering::SeqCst) + 1;
        for (k, cursor) in shared.cursors.iter().enumerate() {
            cursor
                .0
                .store(section_start(k, tasks, shared.threads), Ordering::SeqCst);
        }
        shared.done.store(0, Ordering::SeqCst);
        shared.helpers.store(0, Ordering::SeqCst);
        *lock(&shared.job) = Some(Job {
            body: erased,
            tasks,
            epoch,
        });
        shared.epoch.store(epoch, Ordering::SeqCst);
        if shared.sleepers.load(Ordering::SeqCst) > 0 {
            let _guard = lock(&shared.sleep_lock);
            shared.wake.notify_all();
        }
        // Keep claiming after a panic: the remaining tasks must still run
        // here, since no worker may be scheduled at all.
        let mut mine = Ok(());
        while let Err(payload) =
            catch_unwind(AssertUnwindSafe(|| claim_tasks(shared, body, tasks, 0)))
        {
            if mine.is_ok() {
                mine = Err(payload);
            }
        }
        wait_until(|| shared.done.load(Ordering::Acquire) >= tasks);
        *lock(&shared.job) = None;
        wait_until(|| shared.active.load(Ordering::Acquire) == 0);
        if let Err(payload) = mine {
            resume_unwind(payload);
        }
        if let Some(payload) = lock(&shared.panic).take() {
            resume_unwind(payload);
        }
        1 + shared.helpers.load(Ordering::Acquire)
    }
}

impl Pool {
    /// Calls `body(i, &mut items[i])` for every element of `items`, spread
    /// over the pool's threads, each element handed to exactly one call, so
    /// the calls may change their elements without any lock. Returns the
    /// number of threads that took part, as [`run`](Self::run) does.
    pub fn for_each_mut<T: Send>(
        &self,
        items: &mut [T],
        body: &(dyn Fn(usize, &mut T) + Sync),
    ) -> usize {
        /// The elements' address, shared with the workers.
        struct Items<T>(*mut T);
        // SAFETY: the pointer is only turned into references to distinct
        // elements (below), each sent to one thread; `T: Send` allows that.
        #[allow(unsafe_code)]
        unsafe impl<T: Send> Sync for Items<T> {}
        let base = Items(items.as_mut_ptr());
        let base = &base;
        self.run(items.len(), &|i| {
            // SAFETY: `run` calls this exactly once for each `i` in
            // `0..items.len()` (each task index is claimed once) and returns
            // only after every call has returned, so the references made
            // here are in bounds, never alias one another and do not outlive
            // the exclusive borrow of `items`.
            #[allow(unsafe_code)]
            let item = unsafe { &mut *base.0.add(i) };
            body(i, item);
        })
    }
}

/// Spins, then yields the core, until `ready()`.
fn wait_until(ready: impl Fn() -> bool) {
    let mut spins = 0u32;
    while !ready() {
        if spins < SPINS_BEFORE_YIELD {
            spins += 1;
            std::hint::spin_loop();
        } else {
            std::thread::yield_now();
        }
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        self.shared.shutdown.store(true, Ordering::SeqCst);
        {
            let _guard = lock(&self.shared.sleep_lock);
            self.shared.wake.notify_all();
        }
        for w in self.workers.drain(..) {
            // A worker only ends by returning; a join error cannot carry
            // anything the caller has not already seen.
            let _ = w.join();
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The next unclaimed task of one section, alone on its cache line so
/// that threads claiming in their own sections do not contend.
#[derive(Default)]
#[repr(align(128))]
struct Cursor(AtomicUsize);

/// Where thread `k`'s section of `tasks` tasks begins (`k = threads`: the end).
fn section_start(k: usize, tasks: usize, threads: usize) -> usize {
    k * tasks / threads
}

/// Runs tasks until none is left: first those of thread `me`'s own
/// section, then what is left of the others' (the next thread's first).
/// Each claim takes half of what is left of a section (at least one
/// task), so a step of a few hundred blocks costs a dozen atomic
/// operations rather than two per block, and the runs shrink towards the
/// end so the threads still finish together.
fn claim_tasks(shared: &Shared, body: &(dyn Fn(usize) + Sync), tasks: usize, me: usize) -> usize {
    /// Counts a claimed run as done even if a task in it panics (the panic
    /// is re-raised by `run`, so the rest of the run need not execute).
    struct Done<'a>(&'a AtomicUsize, usize);
    impl Drop for Done<'_> {
        fn drop(&mut self) {
            self.0.fetch_add(self.1, Ordering::Release);
        }
    }
    let threads = shared.threads;
    let mut ran = 0;
    for k in (0..threads).map(|i| (me + i) % threads) {
        let cursor = &shared.cursors[k].0;
        let end = section_start(k + 1, tasks, threads);
        let mut start = cursor.load(Ordering::Relaxed);
        while start < end {
            let size = ((end - start) / 2).max(1);
            match cursor.compare_exchange_weak(
                start,
                start + size,
                Ordering::Relaxed,
                Ordering::Relaxed,
            ) {
                Ok(_) => {
                    let _done = Done(&shared.done, size);
                    ran += size;
                    (start..start + size).for_each(body);
                    start = cursor.load(Ordering::Relaxed);
                }
                Err(now) => start = now,
            }
        }
    }
    ran
}

fn worker(shared: &Shared, me: usize) {
    let mut seen = 0u64;
    loop {
        let mut spins = 0u32;
        let mut idle_since = std::time::Instant::now();
        let epoch = loop {
            let e = shared.epoch.load(Ordering::Acquire);
            if e != seen {
                break e;
            }
            if shared.shutdown.load(Ordering::Acquire) {
                return;
            }
            spins = spins.wrapping_add(1);
            // Read the clock only every 64 polls.
            if spins % 64 != 0 || idle_since.elapsed() < SPIN_BEFORE_SLEEP {
                std::hint::spin_loop();
            } else {
                let mut guard = lock(&shared.sleep_lock);
                shared.sleepers.fetch_add(1, Ordering::SeqCst);
                while shared.epoch.load(Ordering::SeqCst) == seen
                    && !shared.shutdown.load(Ordering::SeqCst)
                {
                    guard = shared
                        .wake
                        .wait(guard)
                        .unwrap_or_else(PoisonError::into_inner);
                }
                shared.sleepers.fetch_sub(1, Ordering::SeqCst);
                idle_since = std::time::Instant::now();
            }
        };
        seen = epoch;
        let job = {
            let slot = lock(&shared.job);
            match *slot {
                Some(job) if job.epoch == epoch => {
                    shared.active.fetch_add(1, Ordering::SeqCst);
                    Some(job)
                }
                _ => None,
            }
        };
        if let Some(job) = job {
            // SAFETY: registered in `active` while the job was published, so
            // `run` has not returned and the closure is alive.
            #[allow(unsafe_code)]
            let body = unsafe { &*job.body };
            match catch_unwind(AssertUnwindSafe(|| {
                claim_tasks(shared, body, job.tasks, me)
            })) {
                Ok(0) => {}
                Ok(_) => {
                    shared.helpers.fetch_add(1, Ordering::Relaxed);
                }
                Err(payload) => *lock(&shared.panic) = Some(payload),
            }
            shared.active.fetch_sub(1, Ordering::Release);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicU32;

    #[test]
    fn every_task_runs_exactly_once_on_any_number_of_threads() {
        for threads in 1..=4 {
            let pool = Pool::new(threads);
            for round in 0..200 {
                let tasks = round % 37;
                let counts: Vec<AtomicU32> = (0..tasks).map(|_| AtomicU32::new(0)).collect();
                pool.run(tasks, &|i| {
                    counts[i].fetch_add(1, Ordering::Relaxed);
                });
                assert!(counts.iter().all(|c| c.load(Ordering::Relaxed) == 1));
            }
        }
    }

    #[test]
    fn run_counts_the_threads_that_took_part() {
        let pool = Pool::new(3);
        assert_eq!(pool.run(1, &|_| {}), 1, "one task runs on the caller");
        // Tasks that each take a while: the workers, once scheduled, take
        // their sections, and never more threads than the pool has.
        let mut most = 0;
        for _ in 0..2000 {
            let took_part = pool.run(6, &|_| {
                std::thread::sleep(std::time::Duration::from_micros(50))
            });
            assert!((1..=3).contains(&took_part));
            most = most.max(took_part);
            if most == 3 {
                break;
            }
        }
        assert!(most > 1, "no worker ever took part");
    }

    #[test]
    fn for_each_mut_changes_every_element_once() {
        for threads in 1..=3 {
            let pool = Pool::new(threads);
            let mut items: Vec<u64> = (0..100).collect();
            for _ in 0..50 {
                pool.for_each_mut(&mut items, &|_, x| *x += 1);
            }
            assert!(items.iter().enumerate().all(|(i, &x)| x == i as u64 + 50));
            pool.for_each_mut(&mut items, &|i, x| *x = i as u64);
            assert!(items.iter().enumerate().all(|(i, &x)| x == i as u64));
        }
    }

    #[test]
    fn workers_wake_after_sleeping() {
        let pool = Pool::new(2);
        let total = AtomicU32::new(0);
        for _ in 0..3 {
            std::thread::sleep(std::time::Duration::from_millis(20));
            pool.run(8, &|_| {
                total.fetch_add(1, Ordering::Relaxed);
            });
        }
        assert_eq!(total.load(Ordering::Relaxed), 24);
    }

    #[test]
    fn a_panicking_task_panics_the_caller_and_the_pool_survives() {
        let pool = Pool::new(2);
        let caught = catch_unwind(AssertUnwindSafe(|| {
            pool.run(16, &|i| assert!(i != 11, "task eleven fails"));
        }));
        assert!(caught.is_err());
        let total = AtomicU32::new(0);
        pool.run(5, &|_| {
            total.fetch_add(1, Ordering::Relaxed);
        });
        assert_eq!(total.load(Ordering::Relaxed), 5);
    }
}
