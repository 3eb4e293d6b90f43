//! The binary's global allocator: mimalloc, except that once [`enable`]d,
//! blocks of [`BIG_BLOCK`] bytes or more get a mapping of their own from the
//! kernel, which a reallocation grows or shrinks with `mremap`.
//!
//! Why: a `Vec` or `String` that doubles (the text of `diagram` or of
//! `schedule --format json` built in memory, the lists of the graph) is
//! copied by mimalloc into a new block, and every page of that copy is a
//! fresh page fault, then the old block is handed back. `mremap` moves the
//! pages instead of copying them, and `munmap` hands a freed block back at
//! once. On 100 000 generated projects (a 31 MB file, round 8):
//! `diagram --format mermaid` 68 500 → 56 300 page faults and 0.19 → 0.13 s
//! of system time, `diagram --format dot` 287 000 → 236 000 faults, 0.70 →
//! 0.54 s and a peak of 387 → 374 MiB (medians of 4 interleaved runs at
//! load 12). `check`, `schedule` and `impact` keep their faults: the reader
//! sizes its lists from the file's length, so they never grow.
//!
//! Which allocator owns a block is read from the block itself, not from a
//! flag: a big block that mimalloc gave out before [`enable`] is in its heap
//! region ([`libmimalloc_sys::mi_is_in_heap_region`]), so it goes back to
//! mimalloc whenever it is freed.

#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;
use std::num::NonZeroUsize;
use std::ptr::{self, NonNull};
use std::sync::atomic::{AtomicUsize, Ordering};

use mimalloc::MiMalloc;
use nix::sys::mman::{mmap_anonymous, mremap, munmap, MRemapFlags, MapFlags, ProtFlags};

/// From this size a block gets its own mapping: a few system calls per
/// block are nothing beside the faults of a megabyte (256 pages).
pub const BIG_BLOCK: usize = 1 << 20;

/// The smallest alignment of a mapping (a page of 4 KiB or more).
const PAGE: usize = 4096;

/// `usize::MAX` until [`enable`]: every block is mimalloc's.
static THRESHOLD: AtomicUsize = AtomicUsize::new(usize::MAX);

/// From now on, big blocks get their own mappings.
pub fn enable() {
    THRESHOLD.store(BIG_BLOCK, Ordering::Relaxed);
}

/// See the module documentation.
pub struct Allocator;

/// Whether a new block of this layout is to be mapped.
fn to_map(size: usize, align: usize) -> bool {
    size >= THRESHOLD.load(Ordering::Relaxed) && align <= PAGE
}

/// Whether the block at `block`, of `layout`, is a mapping of ours.
///
/// # Safety
/// `block` was given out by [`Allocator`] with `layout`.
unsafe fn is_mapped(block: *mut u8, layout: Layout) -> bool {
    // SAFETY: a pointer query on mimalloc's page map; any pointer may be asked.
    layout.size() >= BIG_BLOCK
        && layout.align() <= PAGE
        && !unsafe { libmimalloc_sys::mi_is_in_heap_region(block as *const c_void) }
}

/// A fresh mapping of `size` bytes, zeroed by the kernel; null on failure.
fn map(size: usize) -> *mut u8 {
    let Some(length) = NonZeroUsize::new(size) else {
        return ptr::null_mut();
    };
    let protection = ProtFlags::PROT_READ | ProtFlags::PROT_WRITE;
    // SAFETY: a new private anonymous mapping at an address the kernel picks
    // touches no existing memory.
    match unsafe { mmap_anonymous(None, length, protection, MapFlags::MAP_PRIVATE) } {
        Ok(block) => block.as_ptr().cast(),
        Err(_) => ptr::null_mut(),
    }
}

/// Hands a mapping of ours back to the kernel.
///
/// # Safety
/// `block` is a mapping of ours of `size` bytes (the kernel rounds both to pages).
unsafe fn unmap(block: *mut u8, size: usize) {
    if let Some(block) = NonNull::new(block.cast::<c_void>()) {
        // SAFETY: the caller's guarantee; nothing uses the block afterwards.
        let _ = unsafe { munmap(block, size) };
    }
}

// SAFETY: every block is either mimalloc's (all calls forwarded to it) or a
// private anonymous mapping of at least its size, page-aligned (so aligned
// for any `align <= PAGE`), read back as such by `is_mapped`.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if to_map(layout.size(), layout.align()) {
            map(layout.size())
        } else {
            // SAFETY: forwarded with the caller's guarantees.
            unsafe { MiMalloc.alloc(layout) }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if to_map(layout.size(), layout.align()) {
            map(layout.size())
        } else {
            // SAFETY: forwarded with the caller's guarantees.
            unsafe { MiMalloc.alloc_zeroed(layout) }
        }
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        // SAFETY: `block` was given out by this allocator with `layout`.
        unsafe {
            if is_mapped(block, layout) {
                unmap(block, layout.size());
            } else {
                MiMalloc.dealloc(block, layout);
            }
        }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `block` was given out by this allocator with `layout`.
        let mapped = unsafe { is_mapped(block, layout) };
        let map_new = to_map(new_size, layout.align());
        if mapped && map_new {
            let Some(old) = NonNull::new(block.cast::<c_void>()) else {
                return ptr::null_mut();
            };
            // SAFETY: `old` is a whole mapping of ours of `layout.size()`
            // bytes; on failure it is left as it was, as `realloc` requires.
            return match unsafe {
                mremap(
                    old,
                    layout.size(),
                    new_size,
                    MRemapFlags::MREMAP_MAYMOVE,
                    None,
                )
            } {
                Ok(moved) => moved.as_ptr().cast(),
                Err(_) => ptr::null_mut(),
            };
        }
        if !mapped && !map_new {
            // SAFETY: forwarded with the caller's guarantees.
            return unsafe { MiMalloc.realloc(block, layout, new_size) };
        }
        // Crossing the threshold: a new block of the other kind and a copy.
        // SAFETY: `new_size` is non-zero and fits `layout.align()` (the
        // caller's guarantees for `realloc`).
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        // SAFETY: a valid non-zero layout.
        let moved = unsafe { self.alloc(new_layout) };
        if !moved.is_null() {
            // SAFETY: both blocks hold at least the smaller size, and are distinct.
            unsafe {
                ptr::copy_nonoverlapping(block, moved, layout.size().min(new_size));
                self.dealloc(block, layout);
            }
        }
        moved
    }
}
