use super::*;
use std::io::Cursor;

fn request() -> Request {
    Request {
        path: PathBuf::from("in/資料 2-6.docx"),
        display: "in/資料 2-6.docx".into(),
        limits: Limits::default(),
        cpu_secs: 60,
        keep_if_sha256: "ab".repeat(32),
    }
}

fn done() -> Finished {
    Finished {
        forms: 2,
        items: 17,
        error: None,
        json: b"{\n  \"schema\": \"shiryo/v1\"\n}\n".to_vec(),
        keys: br#"{"keys":[],"stale":false}"#.to_vec(),
        nouns: "0 1 0\t会議 多職種\n".as_bytes().to_vec(),
    }
}

#[test]
fn requests_and_replies_survive_the_round_trip() {
    let r = request();
    assert_eq!(Request::decode(&r.encode()), Ok(r));
    for reply in [
        Reply::Done(done()),
        Reply::Done(Finished {
            error: Some(FileError {
                code: "too_large".into(),
                message: "in/資料.xlsx: over the cell limit".into(),
            }),
            keys: Vec::new(),
            ..done()
        }),
        Reply::Refused("why".into()),
        Reply::Unchanged,
    ] {
        assert_eq!(Reply::decode(reply.encode()), Ok(reply.clone()));
        let mut wire = Vec::new();
        reply.write_frame(&mut wire).expect("write");
        let frame = read_frame(&mut Cursor::new(wire), MAX_REPLY).expect("read");
        assert_eq!(frame.map(Reply::decode), Some(Ok(reply)));
    }
}

#[cfg(unix)]
#[test]
fn a_path_that_is_not_utf8_reaches_the_worker_unchanged() {
    use std::os::unix::ffi::OsStrExt;
    // 資料 in cp932, as unzip leaves a Japanese name from a Windows zip.
    let raw = b"in/\x8e\x91\x97\xbf.docx";
    let r = Request {
        path: PathBuf::from(std::ffi::OsStr::from_bytes(raw)),
        ..request()
    };
    let back = Request::decode(&r.encode()).expect("decodes");
    assert_eq!(back.path.as_os_str().as_bytes(), raw);
}

#[test]
fn frames_follow_each_other_and_end_cleanly() {
    let mut wire = Vec::new();
    write_frame(&mut wire, HELLO).expect("write");
    write_frame(&mut wire, b"").expect("write");
    write_frame(&mut wire, &request().encode()).expect("write");
    let mut r = Cursor::new(wire);
    assert_eq!(
        read_frame(&mut r, MAX_REQUEST).expect("1"),
        Some(HELLO.to_vec())
    );
    assert_eq!(
        read_frame(&mut r, MAX_REQUEST).expect("2"),
        Some(Vec::new())
    );
    let third = read_frame(&mut r, MAX_REQUEST)
        .expect("3")
        .expect("a frame");
    assert_eq!(Request::decode(&third), Ok(request()));
    assert_eq!(read_frame(&mut r, MAX_REQUEST).expect("end"), None);
}

#[test]
fn a_cut_frame_is_an_error_not_an_end() {
    let mut wire = Vec::new();
    write_frame(&mut wire, b"0123456789").expect("write");
    for cut in [2, 4, 9] {
        let mut r = Cursor::new(wire[..cut].to_vec());
        let e = read_frame(&mut r, MAX_REQUEST).expect_err("cut");
        assert_eq!(e.kind(), io::ErrorKind::UnexpectedEof, "cut at {cut}");
    }
}

#[test]
fn an_announced_length_over_the_limit_is_refused_before_reading() {
    let mut wire = u32::MAX.to_le_bytes().to_vec();
    wire.extend(b"short");
    let e = read_frame(&mut Cursor::new(wire), MAX_REQUEST).expect_err("too long");
    assert_eq!(e.kind(), io::ErrorKind::InvalidData);
    // Within the limit but longer than what follows: the buffer only holds
    // what arrived, then the frame is reported cut.
    let mut wire = (MAX_REQUEST - 1).to_le_bytes().to_vec();
    wire.extend(b"short");
    let e = read_frame(&mut Cursor::new(wire), MAX_REQUEST).expect_err("cut");
    assert_eq!(e.kind(), io::ErrorKind::UnexpectedEof);
}

#[test]
fn damaged_messages_are_errors() {
    let good = request().encode();
    assert!(Request::decode(&[]).is_err());
    assert!(Request::decode(&good[..good.len() - 1]).is_err());
    let mut longer = good.clone();
    longer.push(0);
    assert!(Request::decode(&longer).is_err());
    assert!(Reply::decode(good).is_err(), "a request is no reply");
    let mut bad_len = Reply::Done(done()).encode();
    bad_len[17..21].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(Reply::decode(bad_len).is_err());
    let mut cut = Reply::Done(done()).encode();
    cut.pop();
    assert!(Reply::decode(cut).is_err());
}
