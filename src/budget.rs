//! Bounded work for code that untrusted files drive (a user's templates): [`run_limited`]
//! runs it on its own thread with a memory budget and a time limit, and returns a French
//! error when either is exceeded, instead of letting a 130-byte template take every byte of
//! memory or hang the program.
//!
//! The memory budget is kept by the global allocator: it counts what the limited thread holds
//! and, past the budget, stops that thread for good (it sleeps, holding no more than its
//! budget) and flags it, so that the caller returns at once. A thread past its time limit is
//! left behind in the same way. Other threads are never counted.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::Duration;

/// Why limited work did not finish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exceeded {
    Memory,
    Time,
    /// The work's thread could not start, or stopped without a result.
    Crashed,
}

struct Counting;

#[global_allocator]
static ALLOCATOR: Counting = Counting;

thread_local! {
    /// The bytes this thread may still take, when it runs limited work.
    static LEFT: Cell<Option<usize>> = const { Cell::new(None) };
    /// The ticket of the limited work this thread runs.
    static TICKET: Cell<u64> = const { Cell::new(0) };
}

static NEXT_TICKET: AtomicU64 = AtomicU64::new(1);
/// The ticket of the last limited work stopped for memory.
static OVER_BUDGET: AtomicU64 = AtomicU64::new(0);

fn charge(bytes: usize) {
    let over = LEFT
        .try_with(|left| match left.get() {
            Some(available) if bytes > available => true,
            Some(available) => {
                left.set(Some(available - bytes));
                false
            }
            None => false,
        })
        .unwrap_or(false);
    if over {
        let ticket = TICKET.try_with(Cell::get).unwrap_or(0);
        OVER_BUDGET.store(ticket, Ordering::SeqCst);
        // Never return: the caller has been told; the thread keeps what it holds.
        loop {
            std::thread::sleep(Duration::from_secs(3600));
        }
    }
}

fn credit(bytes: usize) {
    let _ = LEFT.try_with(|left| {
        if let Some(available) = left.get() {
            left.set(Some(available.saturating_add(bytes)));
        }
    });
}

// SAFETY: every call is passed on to the system allocator unchanged; the bookkeeping
// around it allocates nothing (const thread-locals of plain cells, atomics, sleep).
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        charge(layout.size());
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        charge(layout.size());
        // SAFETY: same contract as ours.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        credit(layout.size());
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            charge(new_size - layout.size());
        } else {
            credit(layout.size() - new_size);
        }
        // SAFETY: same contract as ours.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Runs `work` on its own thread, allowed `memory` bytes and `time`.
pub fn run_limited<T: Send + 'static>(
    memory: usize,
    time: Duration,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Exceeded> {
    let ticket = NEXT_TICKET.fetch_add(1, Ordering::SeqCst);
    let (send, receive) = mpsc::channel();
    let spawned = std::thread::Builder::new().spawn(move || {
        TICKET.with(|t| t.set(ticket));
        LEFT.with(|left| left.set(Some(memory)));
        let result = work();
        LEFT.with(|left| left.set(None));
        let _ = send.send(result);
    });
    if spawned.is_err() {
        return Err(Exceeded::Crashed);
    }
    let start = std::time::Instant::now();
    loop {
        match receive.recv_timeout(Duration::from_millis(10)) {
            Ok(result) => return Ok(result),
            Err(mpsc::RecvTimeoutError::Disconnected) => return Err(Exceeded::Crashed),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if OVER_BUDGET.load(Ordering::SeqCst) == ticket {
                    return Err(Exceeded::Memory);
                }
                if start.elapsed() > time {
                    return Err(Exceeded::Time);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_within_its_limits_returns_its_result() {
        let result = run_limited(1 << 20, Duration::from_secs(10), || vec![1u8; 1000].len());
        assert_eq!(result, Ok(1000));
    }

    #[test]
    fn work_past_its_memory_budget_is_stopped() {
        let result = run_limited(1 << 20, Duration::from_secs(60), || {
            let mut s = String::from("x");
            for _ in 0..40 {
                s = format!("{s}{s}");
            }
            s.len()
        });
        assert_eq!(result, Err(Exceeded::Memory));
    }

    #[test]
    fn work_past_its_time_is_left_behind() {
        let result = run_limited(1 << 20, Duration::from_millis(50), || {
            loop {
                std::thread::sleep(Duration::from_millis(5));
            }
        });
        assert_eq!(result, Err::<(), _>(Exceeded::Time));
    }
}
