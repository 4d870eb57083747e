//! A message between a page and its worker travels as one `Uint8Array`: its postcard bytes
//! (the compact serde format of the content's wire). Each question and its answer travel in an
//! [`Envelope`] with the question's number, so that answers may come in any order; number 0
//! asks for no answer.

use serde::{Deserialize, Serialize};

/// A message as its bytes, and back; `None` for bytes that are not a message of this kind.
pub trait Message: Serialize + for<'de> Deserialize<'de> {
    fn to_bytes(&self) -> Vec<u8> {
        postcard::to_allocvec(self).expect("a message serialises")
    }
    fn from_bytes(bytes: &[u8]) -> Option<Self> {
        postcard::from_bytes(bytes).ok()
    }
}

/// A message and the number of the question it asks or answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope<M> {
    pub id: u32,
    pub message: M,
}

impl<M: Message> Message for Envelope<M> {}

/// Why a worker gave no answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// It could not be started.
    NotStarted,
    /// Its code did not load, or it stopped with an error (a trap).
    Failed,
    /// It did not answer in time.
    TimedOut,
    /// What it sent was not an answer.
    Unreadable,
    /// The page stopped it (中止): the work is dropped, nothing of it kept.
    Cancelled,
}

/// What a page and its worker say to each other: both sides use only this, so they cannot
/// disagree.
pub trait Protocol: 'static {
    type Request: Message + 'static;
    type Answer: Message + 'static;
    /// What the worker says once it listens (messages sent before would be lost).
    fn ready() -> Self::Answer;
    fn is_ready(answer: &Self::Answer) -> bool;
    /// The worker's answer to bytes that are not a request.
    fn unreadable() -> Self::Answer;
    /// The answer a question gets when its worker gave none (`online`: the browser says it is).
    fn stopped(why: Stopped, online: bool) -> Self::Answer;
    /// An answer that is not the last to its question (how far the work has got): the
    /// question stays waiting. None is, unless a protocol says so.
    fn is_interim(_answer: &Self::Answer) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    enum Said {
        Hello(String),
        Bytes(Vec<u8>),
    }
    impl Message for Said {}

    #[test]
    fn a_message_comes_back_as_it_went_and_other_bytes_are_none() {
        for message in [Said::Hello("受付番号".into()), Said::Bytes(vec![0, 255])] {
            let sent = Envelope { id: 7, message };
            assert_eq!(Envelope::<Said>::from_bytes(&sent.to_bytes()), Some(sent));
        }
        assert_eq!(Envelope::<Said>::from_bytes(&[]), None);
        assert_eq!(Envelope::<Said>::from_bytes(&[1, 9, 200, 200]), None);
    }
}
