//! FNV-1a: a fingerprint that is the same on every machine and in every run (std's hashers
//! promise neither), for keys a build keeps for the next one and for names of files that
//! change with their bytes.

/// The hash of nothing: where [`fnv1a`] starts.
pub const START: u64 = 0xcbf2_9ce4_8422_2325;

/// Continues the hash `h` over `bytes` (start from [`START`]).
pub fn fnv1a(h: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(h, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}
