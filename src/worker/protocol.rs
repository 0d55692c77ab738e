//! The worker protocol: length-prefixed frames over a child's stdin and stdout.
//!
//! A frame is a u32 (little endian) payload length and the payload. The child
//! first sends [`HELLO`]; then each request frame from the parent gets exactly
//! one reply frame. Payloads are a tag byte and fields, each field a u64 or a
//! u32-length-prefixed byte string (paths travel as raw bytes, so a name that
//! is not UTF-8 reaches the child unchanged). The report bytes come last in a
//! reply, so that they are written from where they lie and taken over by the
//! parent without a copy.
//!
//! Owns: the frame format and the encoding of [`Request`] and [`Reply`].
//! Must not know: processes, limits enforcement, extraction.

use super::Finished;
use crate::output::FileError;
use crate::read::Limits;
use std::io::{self, Read, Write};
use std::path::PathBuf;

/// The first frame a worker sends: its protocol and version.
pub const HELLO: &[u8] = b"shiryo-worker/4";

/// Largest request frame a worker accepts (a path and a few numbers).
pub const MAX_REQUEST: u32 = 1 << 20;

/// Largest reply frame the parent accepts (a report; JSON of a sheet at the
/// cell limit stays far below).
pub const MAX_REPLY: u32 = u32::MAX;

const TAG_REQUEST: u8 = 1;
const TAG_DONE: u8 = 2;
const TAG_REFUSED: u8 = 3;
const TAG_UNCHANGED: u8 = 4;

/// Extract one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub path: PathBuf,
    /// Written into `source.path`.
    pub display: String,
    pub limits: Limits,
    /// CPU seconds the worker may spend on this file.
    pub cpu_secs: u64,
    /// When not empty: the SHA-256 (hex) of the file a report already
    /// exists for; a file that still hashes to it is answered
    /// [`Reply::Unchanged`] without being extracted.
    pub keep_if_sha256: String,
}

/// The answer to one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// The file went through the pipeline (its report may carry an error).
    Done(Finished),
    /// The worker could not make sense of the request.
    Refused(String),
    /// The file hashes to the request's `keep_if_sha256`.
    Unchanged,
}

/// Write one frame and flush.
pub fn write_frame(w: &mut impl Write, payload: &[u8]) -> io::Result<()> {
    let len = u32::try_from(payload.len())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "frame over 4 GiB"))?;
    w.write_all(&len.to_le_bytes())?;
    w.write_all(payload)?;
    w.flush()
}

/// Read one frame; `None` at a clean end of stream (before a length). The
/// buffer grows with the bytes that arrive, not with the announced length.
pub fn read_frame(r: &mut impl Read, max: u32) -> io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 4];
    let mut got = 0;
    while got < 4 {
        match r.read(&mut len[got..]) {
            Ok(0) if got == 0 => return Ok(None),
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let len = u32::from_le_bytes(len);
    if len > max {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("frame of {len} bytes, over {max}"),
        ));
    }
    let mut buf = Vec::with_capacity((len as usize).min(1 << 16));
    r.take(u64::from(len)).read_to_end(&mut buf)?;
    if buf.len() != len as usize {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok(Some(buf))
}

impl Request {
    pub fn encode(&self) -> Vec<u8> {
        let mut out = vec![TAG_REQUEST];
        put_bytes(&mut out, &path_bytes(&self.path));
        put_bytes(&mut out, self.display.as_bytes());
        let l = &self.limits;
        for v in [
            l.max_file_bytes,
            l.max_unzipped_bytes,
            l.max_entries as u64,
            l.max_ratio,
            l.max_cells as u64,
            self.cpu_secs,
        ] {
            out.extend(v.to_le_bytes());
        }
        put_bytes(&mut out, self.keep_if_sha256.as_bytes());
        out
    }

    pub fn decode(payload: &[u8]) -> Result<Request, String> {
        let mut f = Fields::new(payload, TAG_REQUEST)?;
        let path = path_from(f.bytes()?);
        let display = f.string()?;
        let mut n = || f.u64();
        let limits = Limits {
            max_file_bytes: n()?,
            max_unzipped_bytes: n()?,
            max_entries: usize::try_from(n()?).unwrap_or(usize::MAX),
            max_ratio: n()?,
            max_cells: usize::try_from(n()?).unwrap_or(usize::MAX),
        };
        let cpu_secs = f.u64()?;
        let keep_if_sha256 = f.string()?;
        f.end()?;
        Ok(Request {
            path,
            display,
            limits,
            cpu_secs,
            keep_if_sha256,
        })
    }
}

impl Reply {
    /// The payload as its head (tag and small fields, up to the report's
    /// length) and the report bytes that follow it.
    fn parts(&self) -> (Vec<u8>, &[u8]) {
        match self {
            Reply::Done(d) => {
                let mut head = vec![TAG_DONE];
                head.extend((d.forms as u64).to_le_bytes());
                head.extend((d.items as u64).to_le_bytes());
                let (code, message) = match &d.error {
                    Some(e) => (e.code.as_str(), e.message.as_str()),
                    None => ("", ""),
                };
                put_bytes(&mut head, code.as_bytes());
                put_bytes(&mut head, message.as_bytes());
                put_bytes(&mut head, &d.keys);
                put_bytes(&mut head, &d.nouns);
                head.extend((d.json.len() as u32).to_le_bytes());
                (head, &d.json)
            }
            Reply::Refused(why) => {
                let mut head = vec![TAG_REFUSED];
                put_bytes(&mut head, why.as_bytes());
                (head, &[])
            }
            Reply::Unchanged => (vec![TAG_UNCHANGED], &[]),
        }
    }

    pub fn encode(&self) -> Vec<u8> {
        let (mut head, tail) = self.parts();
        head.extend(tail);
        head
    }

    /// Write the reply as one frame, the report bytes straight from the report.
    pub fn write_frame(&self, w: &mut impl Write) -> io::Result<()> {
        let (head, tail) = self.parts();
        let len = u32::try_from(head.len() + tail.len())
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "frame over 4 GiB"))?;
        w.write_all(&len.to_le_bytes())?;
        w.write_all(&head)?;
        w.write_all(tail)?;
        w.flush()
    }

    /// Decode a reply; the report bytes are taken out of `payload`, not copied.
    pub fn decode(mut payload: Vec<u8>) -> Result<Reply, String> {
        if payload.first() == Some(&TAG_REFUSED) {
            let mut f = Fields::new(&payload, TAG_REFUSED)?;
            let why = f.string()?;
            f.end()?;
            return Ok(Reply::Refused(why));
        }
        if payload.first() == Some(&TAG_UNCHANGED) {
            Fields::new(&payload, TAG_UNCHANGED)?.end()?;
            return Ok(Reply::Unchanged);
        }
        let mut f = Fields::new(&payload, TAG_DONE)?;
        let forms = usize::try_from(f.u64()?).map_err(|_| "form count")?;
        let items = usize::try_from(f.u64()?).map_err(|_| "item count")?;
        let code = f.string()?;
        let message = f.string()?;
        let error = (!code.is_empty()).then_some(FileError { code, message });
        let keys = f.bytes()?.to_vec();
        let nouns = f.bytes()?.to_vec();
        let json_len = f.bytes()?.len();
        f.end()?;
        payload.drain(..payload.len() - json_len);
        Ok(Reply::Done(Finished {
            forms,
            items,
            error,
            json: payload,
            keys,
            nouns,
        }))
    }
}

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    // Fields live inside a frame, which is under 4 GiB.
    out.extend((b.len() as u32).to_le_bytes());
    out.extend(b);
}

/// A cursor over the fields of one payload.
struct Fields<'a> {
    rest: &'a [u8],
}

impl<'a> Fields<'a> {
    fn new(payload: &'a [u8], tag: u8) -> Result<Fields<'a>, String> {
        match payload.split_first() {
            Some((&t, rest)) if t == tag => Ok(Fields { rest }),
            Some((t, _)) => Err(format!("unexpected message tag {t}")),
            None => Err("empty message".into()),
        }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if self.rest.len() < n {
            return Err("message cut short".into());
        }
        let (head, tail) = self.rest.split_at(n);
        self.rest = tail;
        Ok(head)
    }

    fn u64(&mut self) -> Result<u64, String> {
        let b = self.take(8)?;
        Ok(u64::from_le_bytes(b.try_into().map_err(|_| "number")?))
    }

    fn bytes(&mut self) -> Result<&'a [u8], String> {
        let b = self.take(4)?;
        let n = u32::from_le_bytes(b.try_into().map_err(|_| "length")?);
        self.take(n as usize)
    }

    fn string(&mut self) -> Result<String, String> {
        String::from_utf8(self.bytes()?.to_vec()).map_err(|_| "text is not UTF-8".to_string())
    }

    fn end(&self) -> Result<(), String> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err("trailing bytes after the message".into())
        }
    }
}

#[cfg(unix)]
fn path_bytes(p: &std::path::Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    p.as_os_str().as_bytes().to_vec()
}

#[cfg(unix)]
fn path_from(b: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(b))
}

#[cfg(not(unix))]
fn path_bytes(p: &std::path::Path) -> Vec<u8> {
    p.to_string_lossy().into_owned().into_bytes()
}

#[cfg(not(unix))]
fn path_from(b: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(b).into_owned())
}

#[cfg(test)]
mod tests;
