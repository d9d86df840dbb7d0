//! Bounded work for code that untrusted files drive (a user's templates): [`run_limited`]
//! runs it on its own thread with a memory budget and a time limit, and returns a French
//! error when either is exceeded, instead of letting a 130-byte template take every byte of
//! memory or hang the program.
//!
//! The memory budget is kept by the global allocator: it counts what the limited thread holds
//! and, past the budget, stops that thread for good (it sleeps, holding no more than its
//! budget) and flags it, so that the caller returns at once. A thread past its time limit is
//! marked cancelled: it stops in the same way at its next allocation, so that a runaway
//! template does not keep a processor busy. Other threads are never counted.

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
/// The tickets of the last limited works left past their time limit.
static CANCELLED: [AtomicU64; 16] = [const { AtomicU64::new(0) }; 16];
static NEXT_CANCELLED: AtomicU64 = AtomicU64::new(0);

/// Stops the calling thread for good: its caller has been told; it keeps what it holds.
fn stall() -> ! {
    loop {
        std::thread::sleep(Duration::from_secs(3600));
    }
}

fn charge(bytes: usize) {
    // `None`: not limited work; `Some(over)`: limited work, past its budget or not.
    let limited = LEFT
        .try_with(|left| {
            let available = left.get()?;
            let over = bytes > available;
            if !over {
                left.set(Some(available - bytes));
            }
            Some(over)
        })
        .unwrap_or(None);
    let Some(over) = limited else {
        return;
    };
    let ticket = TICKET.try_with(Cell::get).unwrap_or(0);
    if over {
        OVER_BUDGET.store(ticket, Ordering::SeqCst);
        stall();
    }
    if CANCELLED
        .iter()
        .any(|cancelled| cancelled.load(Ordering::Relaxed) == ticket)
    {
        stall();
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
    // Polled with short relative sleeps, not `recv_timeout`: its deadline is an absolute time
    // on the monotonic clock, which never comes when that clock is shifted (a test run under
    // faketime). The pause doubles up to 10 ms, so that quick work is collected at once.
    let start = std::time::Instant::now();
    let mut pause = Duration::from_micros(20);
    loop {
        match receive.try_recv() {
            Ok(result) => return Ok(result),
            Err(mpsc::TryRecvError::Disconnected) => return Err(Exceeded::Crashed),
            Err(mpsc::TryRecvError::Empty) => {
                if OVER_BUDGET.load(Ordering::SeqCst) == ticket {
                    return Err(Exceeded::Memory);
                }
                if start.elapsed() > time {
                    let slot = NEXT_CANCELLED.fetch_add(1, Ordering::SeqCst) as usize;
                    CANCELLED[slot % CANCELLED.len()].store(ticket, Ordering::SeqCst);
                    return Err(Exceeded::Time);
                }
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(10));
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
    fn work_past_its_time_is_stopped_at_its_next_allocation() {
        use std::sync::Arc;
        use std::sync::atomic::AtomicUsize;
        let turns = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&turns);
        let result = run_limited(1 << 20, Duration::from_millis(50), move || {
            loop {
                counted.fetch_add(1, Ordering::SeqCst);
                std::hint::black_box(vec![0u8; 64]);
                std::thread::sleep(Duration::from_millis(1));
            }
        });
        assert_eq!(result, Err::<(), _>(Exceeded::Time));
        std::thread::sleep(Duration::from_millis(50));
        let stopped_at = turns.load(Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(100));
        assert_eq!(turns.load(Ordering::SeqCst), stopped_at, "the work goes on");
    }
}
