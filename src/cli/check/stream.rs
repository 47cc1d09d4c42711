//! The run's pipeline: a reader thread opens the sources in order (a JSON Lines stream one
//! record at a time) and hands each input to the thread pool; the calling thread receives the
//! results, puts them back in input order (a reorder buffer) and passes each on as soon as
//! every earlier one has been. At most a window of inputs is in flight (read but not yet passed
//! on), so memory is bounded by the largest input times the window, not by the whole run.

use std::any::Any;
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{self, TryRecvError};
use std::sync::{Condvar, Mutex};

use mtlint::report::FileReport;
use mtlint::{Error, Linter};

use super::CheckArgs;
use super::check_all;
use super::inputs::{Source, open};

/// The results of one input (one per segment of a segmented document).
pub(super) type Checked = Vec<Result<FileReport, (String, Error)>>;

pub(super) enum Event {
    /// The results of the next input, in input order.
    Results(Checked),
    /// Nothing is ready yet: a good moment to flush the output.
    Idle,
}

enum Msg {
    Done(usize, Checked),
    End(usize),
    Panicked(Box<dyn Any + Send>),
}

/// A counting semaphore for the window of inputs in flight; closing it stops the reader.
struct Slots {
    free: Mutex<(usize, bool)>,
    cond: Condvar,
}

impl Slots {
    fn new(n: usize) -> Self {
        Self {
            free: Mutex::new((n, false)),
            cond: Condvar::new(),
        }
    }

    /// Takes a slot, waiting for one; false when closed.
    fn acquire(&self) -> bool {
        let mut g = self.free.lock().unwrap_or_else(|e| e.into_inner());
        while g.0 == 0 && !g.1 {
            g = self.cond.wait(g).unwrap_or_else(|e| e.into_inner());
        }
        if g.1 {
            return false;
        }
        g.0 -= 1;
        true
    }

    fn release(&self) {
        let mut g = self.free.lock().unwrap_or_else(|e| e.into_inner());
        g.0 += 1;
        self.cond.notify_one();
    }

    fn close(&self) {
        let mut g = self.free.lock().unwrap_or_else(|e| e.into_inner());
        g.1 = true;
        self.cond.notify_all();
    }
}

/// Checks every input of `sources` on `pool` (else the global rayon pool) and calls `on` with each input's
/// results in input order (and with [`Event::Idle`] whenever it would wait). A panic in a check
/// stops the run and is returned, for the caller to resume once its output is cleaned up.
pub(super) fn run<'a>(
    args: &'a CheckArgs,
    linter: &'a Linter,
    sources: Vec<Source>,
    pool: Option<&rayon::ThreadPool>,
    mut on: impl FnMut(Event),
) -> Result<(), Box<dyn Any + Send>> {
    let threads = pool.map_or_else(rayon::current_num_threads, |p| p.current_num_threads());
    let window = (threads * 4).max(4);
    let slots = Slots::new(window);
    let (tx, rx) = mpsc::channel::<Msg>();
    let mut panicked = None;
    let body = |scope: &rayon::Scope<'a>| {
        std::thread::scope(|threads| {
            let slots = &slots;
            let reader = tx.clone();
            threads.spawn(move || {
                let mut n = 0usize;
                'sources: for source in sources {
                    for input in open(source) {
                        if !slots.acquire() {
                            break 'sources;
                        }
                        let tx = reader.clone();
                        let seq = n;
                        scope.spawn(move |_| {
                            let checked =
                                catch_unwind(AssertUnwindSafe(|| check_all(linter, args, &input)));
                            let _ = tx.send(match checked {
                                Ok(r) => Msg::Done(seq, r),
                                Err(p) => Msg::Panicked(p),
                            });
                        });
                        n += 1;
                    }
                }
                let _ = reader.send(Msg::End(n));
            });
            drop(tx);
            let mut pending: BTreeMap<usize, Checked> = BTreeMap::new();
            let mut next = 0usize;
            let mut end = None;
            while end != Some(next) {
                let msg = match rx.try_recv() {
                    Ok(m) => m,
                    Err(TryRecvError::Empty) => {
                        on(Event::Idle);
                        match rx.recv() {
                            Ok(m) => m,
                            Err(_) => break,
                        }
                    }
                    Err(TryRecvError::Disconnected) => break,
                };
                match msg {
                    Msg::Done(i, r) => {
                        pending.insert(i, r);
                    }
                    Msg::End(n) => end = Some(n),
                    Msg::Panicked(p) => {
                        panicked = Some(p);
                        slots.close();
                        break;
                    }
                }
                while let Some(r) = pending.remove(&next) {
                    on(Event::Results(r));
                    next += 1;
                    slots.release();
                }
            }
            on(Event::Idle);
        });
    };
    match pool {
        Some(p) => p.in_place_scope(body),
        None => rayon::in_place_scope(body),
    }
    match panicked {
        Some(p) => Err(p),
        None => Ok(()),
    }
}
