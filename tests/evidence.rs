//! 佐证材料 in the core (issue 21): what a file is by its bytes, a photo's orientation and
//! location, taking a picked file in (limits, names, kinds, what happens to a photo), the
//! rules of the files a record names, and the files kept on a device.
#![cfg(not(target_arch = "wasm32"))]

use duty_ledger::evidence::intake::{
    self, IntakeProblem, MAX_PICKED_BYTES, Rename, Treatment, check_size, examine, finish_kept,
    finish_shrunk, fit,
};
use duty_ledger::evidence::kept::{self, Catalogue, Presence, StoredFile};
use duty_ledger::evidence::sniff::{Sniffed, compound_names, sniff};
use duty_ledger::evidence::{exif, files_of, jpeg, message};
use duty_ledger::foundation::digest::Digest;
use duty_ledger::foundation::time::Stamp;
use duty_ledger::i18n::Lang;
use duty_ledger::ledger::attachment::{AttachmentProblem, MAX_ATTACHMENTS};
use duty_ledger::ledger::event::EventProblem;
use duty_ledger::ledger::record::Recorder;
use duty_ledger::ledger::view::NoteRef;
use duty_ledger::ledger::{Attachment, DeviceId, EventId, FileType, Ledger, Status};
use duty_ledger::plan::{TaskId, UnitId};
use proptest::prelude::*;

const PHOTO: &[u8] = include_bytes!("fixtures/evidence/photo-gps-rotated.jpg");
const PDF: &[u8] = include_bytes!("fixtures/evidence/minutes.pdf");

/// A zip of empty stored entries named `names`.
fn zip(names: &[&str]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for name in names {
        let offset = out.len() as u32;
        out.extend_from_slice(b"PK\x03\x04\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0");
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        central
            .extend_from_slice(b"PK\x01\x02\x14\0\x14\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0");
        central.extend_from_slice(&(name.len() as u16).to_le_bytes());
        central.extend_from_slice(&[0; 12]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let at = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&(names.len() as u16).to_le_bytes());
    out.extend_from_slice(&(names.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&at.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

/// A compound file (MS-CFB version 3, 512-byte sectors) whose directory holds `streams`:
/// sector 0 the FAT, sector 1 the directory.
fn compound(streams: &[&str]) -> Vec<u8> {
    let mut header = vec![0u8; 512];
    header[..8].copy_from_slice(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1");
    header[0x18..0x1a].copy_from_slice(&0x3eu16.to_le_bytes());
    header[0x1a..0x1c].copy_from_slice(&3u16.to_le_bytes());
    header[0x1c..0x1e].copy_from_slice(&0xfffeu16.to_le_bytes());
    header[0x1e..0x20].copy_from_slice(&9u16.to_le_bytes());
    header[0x20..0x22].copy_from_slice(&6u16.to_le_bytes());
    header[0x2c..0x30].copy_from_slice(&1u32.to_le_bytes());
    header[0x30..0x34].copy_from_slice(&1u32.to_le_bytes());
    header[0x3c..0x40].copy_from_slice(&0xffff_fffeu32.to_le_bytes());
    header[0x44..0x48].copy_from_slice(&0xffff_fffeu32.to_le_bytes());
    for i in 0..109 {
        let v: u32 = if i == 0 { 0 } else { 0xffff_ffff };
        header[0x4c + 4 * i..0x50 + 4 * i].copy_from_slice(&v.to_le_bytes());
    }
    let mut fat = vec![0xffu8; 512];
    fat[..4].copy_from_slice(&0xffff_fffdu32.to_le_bytes());
    fat[4..8].copy_from_slice(&0xffff_fffeu32.to_le_bytes());
    let mut dir = vec![0u8; 512];
    let entries = std::iter::once(("Root Entry", 5u8)).chain(streams.iter().map(|s| (*s, 2u8)));
    for (n, (name, kind)) in entries.take(4).enumerate() {
        let e = &mut dir[128 * n..128 * (n + 1)];
        let units: Vec<u16> = name.encode_utf16().chain([0]).collect();
        for (i, u) in units.iter().enumerate() {
            e[2 * i..2 * i + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[0x40..0x42].copy_from_slice(&((units.len() * 2) as u16).to_le_bytes());
        e[0x42] = kind;
    }
    [header, fat, dir].concat()
}

fn png(width: u32, height: u32, exif: bool) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let chunk = |out: &mut Vec<u8>, kind: &[u8], data: &[u8]| {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&[0; 4]);
    };
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    if exif {
        chunk(&mut out, b"eXIf", b"MM\0\x2a\0\0\0\x08\0\0");
    }
    chunk(&mut out, b"IDAT", &[1, 2, 3]);
    chunk(&mut out, b"IEND", &[]);
    out
}

#[test]
fn files_are_known_by_their_bytes() {
    assert_eq!(sniff(PHOTO), Sniffed::File(FileType::Jpeg));
    assert_eq!(sniff(PDF), Sniffed::File(FileType::Pdf));
    assert_eq!(
        sniff(&PDF[..PDF.len() - 40]),
        Sniffed::Truncated(FileType::Pdf)
    );
    assert_eq!(sniff(&png(10, 10, false)), Sniffed::File(FileType::Png));
    assert_eq!(sniff(b"GIF89a\x01\0\x01\0"), Sniffed::File(FileType::Gif));
    assert_eq!(
        sniff(b"RIFF\0\0\0\0WEBPVP8 "),
        Sniffed::File(FileType::Webp)
    );
    assert_eq!(
        sniff(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic"),
        Sniffed::File(FileType::Heic)
    );
    assert_eq!(
        sniff(b"\0\0\0\x18ftypmif1\0\0\0\0mif1heic"),
        Sniffed::File(FileType::Heic)
    );
    assert_eq!(
        sniff(b"\0\0\0\x18ftypisom\0\0\x02\0isomiso2"),
        Sniffed::Video
    );
    assert_eq!(sniff(b"\0\0\0\x14ftypqt  \0\0\0\0qt  "), Sniffed::Video);
    assert_eq!(sniff(b"\x1a\x45\xdf\xa3\x01\0\0\0"), Sniffed::Video);
    assert_eq!(sniff(b"RIFF\0\0\0\0AVI LIST"), Sniffed::Video);
    assert_eq!(
        sniff(&zip(&["[Content_Types].xml", "word/document.xml"])),
        Sniffed::File(FileType::Docx)
    );
    assert_eq!(
        sniff(&zip(&["xl/workbook.xml", "xl/styles.xml"])),
        Sniffed::File(FileType::Xlsx)
    );
    assert_eq!(
        sniff(&zip(&["OFD.xml", "Doc_0/Document.xml"])),
        Sniffed::File(FileType::Ofd)
    );
    assert_eq!(sniff(&zip(&["ppt/presentation.xml"])), Sniffed::OtherOffice);
    assert_eq!(sniff(&zip(&["photos/a.jpg"])), Sniffed::Unknown);
    assert_eq!(
        sniff(&compound(&["WordDocument", "1Table"])),
        Sniffed::File(FileType::Doc)
    );
    assert_eq!(
        sniff(&compound(&["Workbook"])),
        Sniffed::File(FileType::Xls)
    );
    assert_eq!(sniff(&compound(&["Book"])), Sniffed::File(FileType::Xls));
    assert_eq!(
        sniff(&compound(&["PowerPoint Document"])),
        Sniffed::OtherOffice
    );
    assert_eq!(
        sniff(&compound(&["EncryptedPackage"])),
        Sniffed::OtherOffice
    );
    assert_eq!(
        compound_names(&compound(&["WordDocument"])).unwrap(),
        vec!["WordDocument"]
    );
    // A compound file cut short is nothing known.
    assert_eq!(sniff(&compound(&["WordDocument"])[..700]), Sniffed::Unknown);
    assert_eq!(sniff(b"MZ\x90\0 a program"), Sniffed::Unknown);
    assert_eq!(sniff(b"just some text"), Sniffed::Unknown);
    assert_eq!(sniff(b""), Sniffed::Unknown);
}

#[test]
fn the_fixture_photo_says_its_orientation_and_where_it_was_taken() {
    assert_eq!(jpeg::dimensions(PHOTO), Some((640, 480)));
    let read = exif::read(jpeg::exif_block(PHOTO).unwrap());
    assert_eq!(read.orientation, Some(6));
    assert!(read.has_location());
    let (lat, lon) = exif::coordinates(&read.gps).unwrap();
    assert!((lat - 22.5431).abs() < 1e-4, "{lat}");
    assert!((lon - 114.0579).abs() < 1e-4, "{lon}");
    // Written again (little-endian, location only), it reads the same.
    let block = exif::gps_block(&read.gps);
    let again = exif::read(&block);
    assert_eq!(again.gps, read.gps);
    assert_eq!(again.orientation, None);
}

#[test]
fn metadata_comes_out_and_goes_in_without_touching_the_image() {
    let stripped = jpeg::strip_metadata(PHOTO).unwrap();
    assert!(jpeg::exif_block(&stripped).is_none());
    assert!(!jpeg::has_metadata(&stripped));
    assert_eq!(jpeg::dimensions(&stripped), Some((640, 480)));
    let sos = |b: &[u8]| jpeg::segments(b).unwrap().1;
    assert_eq!(&stripped[sos(&stripped)..], &PHOTO[sos(PHOTO)..]);
    let gps = exif::read(jpeg::exif_block(PHOTO).unwrap()).gps;
    let back = jpeg::insert_exif(&stripped, &exif::gps_block(&gps)).unwrap();
    assert_eq!(exif::read(jpeg::exif_block(&back).unwrap()).gps, gps);
    assert_eq!(&back[sos(&back)..], &PHOTO[sos(PHOTO)..]);
}

#[test]
fn a_camera_photo_is_made_smaller_and_loses_its_location_unless_kept() {
    let examined = examine("IMG_0001.JPG", PHOTO).unwrap();
    assert_eq!(examined.kind, FileType::Jpeg);
    assert_eq!(examined.name, "IMG_0001.JPG");
    // Turned on its side by its EXIF: drawn again the right way up.
    assert!(matches!(
        examined.treatment,
        Treatment::Shrink { max_side: 1600, .. }
    ));
    let facts = examined.photo.unwrap();
    assert_eq!(facts.orientation, Some(6));
    assert!(facts.location);
    // What the browser gives back carries no metadata (here: the fixture stripped).
    let encoded = jpeg::strip_metadata(PHOTO).unwrap();
    let dropped = finish_shrunk(PHOTO, encoded.clone(), false).unwrap();
    assert_eq!(dropped, encoded);
    let kept = finish_shrunk(PHOTO, encoded.clone(), true).unwrap();
    let read = exif::read(jpeg::exif_block(&kept).unwrap());
    assert!(read.has_location());
    assert_eq!(
        read.orientation, None,
        "stored the right way up: no orientation"
    );
    // Something that is not a picture back from the browser is refused.
    assert_eq!(finish_shrunk(PHOTO, b"oops".to_vec(), false), None);
    assert_eq!(fit(4000, 3000, 1600), (1600, 1200));
    assert_eq!(fit(3000, 4000, 1600), (1200, 1600));
    assert_eq!(fit(800, 600, 1600), (800, 600));
    assert_eq!(fit(10_000, 3, 1600), (1600, 1));
}

#[test]
fn small_pictures_the_right_way_up_are_kept_as_they_are() {
    let flat = png(800, 600, true);
    let examined = examine("截图.png", &flat).unwrap();
    assert_eq!(examined.treatment, Treatment::Keep);
    assert!(examined.photo.as_ref().unwrap().location);
    let kept = finish_kept(FileType::Png, flat.clone(), false);
    assert!(!kept.windows(4).any(|w| w == b"eXIf"));
    assert_eq!(finish_kept(FileType::Png, flat.clone(), true), flat);
    // A large one is made smaller; documents are kept byte for byte.
    assert!(matches!(
        examine("big.png", &png(4000, 3000, false))
            .unwrap()
            .treatment,
        Treatment::Shrink { .. }
    ));
    let pdf = examine("会议纪要.pdf", PDF).unwrap();
    assert_eq!((pdf.kind, pdf.treatment), (FileType::Pdf, Treatment::Keep));
    assert_eq!(finish_kept(FileType::Pdf, PDF.to_vec(), false), PDF);
    let jpeg = jpeg::strip_metadata(PHOTO).unwrap();
    // 640×480 with no orientation, under 1 MB: kept (its location removed losslessly).
    let back = jpeg::insert_exif(
        &jpeg,
        &exif::gps_block(&exif::read(jpeg::exif_block(PHOTO).unwrap()).gps),
    )
    .unwrap();
    let small = examine("a.jpg", &back).unwrap();
    assert_eq!(small.treatment, Treatment::Keep);
    assert_eq!(finish_kept(FileType::Jpeg, back.clone(), false), jpeg);
}

#[test]
fn bad_files_are_refused_with_their_reason() {
    assert_eq!(examine("空.pdf", b""), Err(IntakeProblem::Empty));
    assert_eq!(
        check_size(200 * 1024 * 1024),
        Err(IntakeProblem::TooLarge {
            bytes: 200 * 1024 * 1024,
            max: MAX_PICKED_BYTES
        })
    );
    assert_eq!(check_size(MAX_PICKED_BYTES), Ok(()));
    assert_eq!(check_size(0), Err(IntakeProblem::Empty));
    // A text renamed .jpg, a PDF renamed .jpg, a video, a presentation.
    assert_eq!(
        examine("现场.jpg", b"not a picture at all"),
        Err(IntakeProblem::NotWhatItSays {
            claimed: FileType::Jpeg
        })
    );
    assert_eq!(
        examine("通知.jpg", PDF),
        Err(IntakeProblem::Mismatch {
            actual: FileType::Pdf,
            claimed: FileType::Jpeg
        })
    );
    assert_eq!(
        examine("纪要.docx", PDF),
        Err(IntakeProblem::Mismatch {
            actual: FileType::Pdf,
            claimed: FileType::Docx
        })
    );
    assert_eq!(
        examine("报告.pdf", b"%PDF-1.4 cut short"),
        Err(IntakeProblem::Truncated(FileType::Pdf))
    );
    assert_eq!(
        examine("现场.mp4", b"\0\0\0\x18ftypisom\0\0\x02\0isomiso2"),
        Err(IntakeProblem::Video)
    );
    assert_eq!(
        examine("a.pptx", &zip(&["ppt/presentation.xml"])),
        Err(IntakeProblem::OtherOffice)
    );
    assert_eq!(examine("a.exe", b"MZ\x90\0"), Err(IntakeProblem::Unknown));
    // Every refusal has its words, naming the file.
    for problem in [
        IntakeProblem::Empty,
        IntakeProblem::TooLarge {
            bytes: 200 << 20,
            max: MAX_PICKED_BYTES,
        },
        IntakeProblem::Video,
        IntakeProblem::Unknown,
        IntakeProblem::OtherOffice,
        IntakeProblem::Truncated(FileType::Pdf),
        IntakeProblem::Mismatch {
            actual: FileType::Pdf,
            claimed: FileType::Jpeg,
        },
        IntakeProblem::NotWhatItSays {
            claimed: FileType::Jpeg,
        },
    ] {
        for lang in [Lang::Zh, Lang::En] {
            let text = message::refusal(lang, "通知.jpg", &problem);
            assert!(text.contains("通知.jpg"), "{text}");
            assert!(!text.contains('{'), "{text}");
        }
    }
    assert!(
        message::refusal(
            Lang::Zh,
            "v.mp4",
            &IntakeProblem::TooLarge {
                bytes: 200 << 20,
                max: MAX_PICKED_BYTES
            }
        )
        .contains("20 MB")
    );
}

#[test]
fn names_lose_folders_and_control_characters_and_gain_their_extension() {
    let e = examine("../../etc/纪要.pdf", PDF).unwrap();
    assert_eq!(
        (e.name.as_str(), e.renamed.as_slice()),
        ("纪要.pdf", &[Rename::Path][..])
    );
    let e = examine("C:\\Users\\王五\\纪要.pdf", PDF).unwrap();
    assert_eq!(e.name, "纪要.pdf");
    let e = examine("纪\u{7}要\u{202e}.pdf", PDF).unwrap();
    assert_eq!(
        (e.name.as_str(), e.renamed.as_slice()),
        ("纪要.pdf", &[Rename::Cleaned][..])
    );
    let e = examine("扫描件", PDF).unwrap();
    assert_eq!(
        (e.name.as_str(), e.renamed.as_slice()),
        ("扫描件.pdf", &[Rename::Extension][..])
    );
    let e = examine("\u{1}", PDF).unwrap();
    assert_eq!(e.name, "附件.pdf");
    // A picture named as another picture is named for what it is.
    let e = examine("截图.jpg", &png(10, 10, false)).unwrap();
    assert_eq!((e.kind, e.name.as_str()), (FileType::Png, "截图.png"));
    let long = format!("{}.pdf", "长".repeat(300));
    let e = examine(&long, PDF).unwrap();
    assert_eq!(e.name.chars().count(), 120);
    assert!(e.name.ends_with(".pdf"));
    // Whatever is taken in makes a valid record entry.
    let file = intake::describe(&e.name, PDF).unwrap();
    assert_eq!(file.check(), Ok(()));
    assert_eq!((file.kind, file.size), (FileType::Pdf, PDF.len() as u64));
    assert_eq!(file.sha256, Digest::of(PDF));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Any bytes under any name: refused or taken, never a panic; and what is taken is named
    /// by the rules of a record.
    #[test]
    fn intake_never_panics(name in "\\PC{0,40}", prefix in prop::sample::select(vec![
        &b""[..], b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"%PDF-", b"PK\x03\x04",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\0\0\0\x18ftyp", b"RIFF\0\0\0\0WEBP", b"MM\0\x2a",
    ]), tail in prop::collection::vec(any::<u8>(), 0..600)) {
        let bytes = [prefix, &tail].concat();
        let _ = sniff(&bytes);
        let _ = exif::read(&bytes);
        let _ = jpeg::strip_metadata(&bytes);
        let _ = compound_names(&bytes);
        if let Ok(e) = examine(&name, &bytes) {
            let kept = finish_kept(e.kind, bytes.clone(), false);
            if let Some(file) = intake::describe(&e.name, &kept) {
                prop_assert_eq!(file.check(), Ok(()));
            }
        }
    }

    /// A photo's EXIF block damaged anywhere reads as something or nothing, never a panic.
    #[test]
    fn damaged_exif_blocks_read_safely(at in 0usize..400, byte in any::<u8>()) {
        let block = jpeg::exif_block(PHOTO).unwrap();
        let mut damaged = block.to_vec();
        if at < damaged.len() {
            damaged[at] = byte;
        }
        let read = exif::read(&damaged);
        let _ = exif::coordinates(&read.gps);
        let _ = exif::gps_block(&read.gps);
    }
}

fn unit(name: &str) -> UnitId {
    UnitId::from_name(name).unwrap()
}

fn recorder() -> Recorder {
    Recorder {
        unit: unit("区教育局"),
        device: DeviceId::from_random([1; 8]),
        author: None,
        hlc: None,
    }
}

fn stamp(ms: i64) -> Stamp {
    Stamp::new(1_700_000_000_000 + ms, 480).unwrap()
}

fn file(n: u8, name: &str, kind: FileType) -> Attachment {
    Attachment {
        sha256: Digest::of(&[n]),
        name: name.to_string(),
        kind,
        size: 1000 + u64::from(n),
    }
}

#[test]
fn notes_carry_files_and_nothing_else_does() {
    let r = recorder();
    let id = |n: u64| EventId::from_random(n.to_be_bytes());
    let files = vec![
        file(1, "现场.jpg", FileType::Jpeg),
        file(2, "纪要.pdf", FileType::Pdf),
    ];
    let note = r
        .add_note_with(id(1), TaskId(10), stamp(0), None, "检查食堂", files.clone())
        .unwrap();
    assert_eq!(note.attachments, files);
    let note_ref = NoteRef {
        id: note.id,
        task: note.task,
        unit: note.unit,
    };
    // An edit carries the list the note has from then on.
    let edit = r
        .edit_note_with(
            id(2),
            &note_ref,
            stamp(1),
            None,
            "检查食堂（复查）",
            files[..1].to_vec(),
        )
        .unwrap();
    let mut ledger = Ledger::new();
    ledger.add(note.clone());
    ledger.add(edit);
    let now = files_of(&ledger, TaskId(10), r.unit);
    assert_eq!(now, vec![&files[0]]);
    // A deleted note has no evidence.
    ledger.add(r.delete_note(id(3), &note_ref, stamp(2)).unwrap());
    assert!(files_of(&ledger, TaskId(10), r.unit).is_empty());

    let mut status = r
        .set_status(id(4), TaskId(10), stamp(3), Status::Done, "")
        .unwrap();
    status.attachments = files.clone();
    assert_eq!(status.check(), Err(EventProblem::AttachmentsNotAllowed));
    let twice = vec![files[0].clone(), files[0].clone()];
    assert_eq!(
        r.add_note_with(id(5), TaskId(10), stamp(4), None, "x", twice)
            .unwrap_err(),
        EventProblem::AttachmentTwice { index: 1 }
    );
    let many: Vec<_> = (0..=MAX_ATTACHMENTS as u8)
        .map(|n| file(n, "a.jpg", FileType::Jpeg))
        .collect();
    assert_eq!(
        r.add_note_with(id(6), TaskId(10), stamp(5), None, "x", many)
            .unwrap_err(),
        EventProblem::TooManyAttachments {
            max: MAX_ATTACHMENTS
        }
    );
    let bad = vec![file(1, "../现场.jpg", FileType::Jpeg)];
    assert_eq!(
        r.add_note_with(id(7), TaskId(10), stamp(6), None, "x", bad)
            .unwrap_err(),
        EventProblem::Attachment {
            index: 0,
            problem: AttachmentProblem::NamePath
        }
    );
    let bad = vec![file(1, "现场.pdf", FileType::Jpeg)];
    assert!(matches!(
        r.add_note_with(id(8), TaskId(10), stamp(7), None, "x", bad)
            .unwrap_err(),
        EventProblem::Attachment {
            problem: AttachmentProblem::NameExtension { .. },
            ..
        }
    ));
    // Every problem is worded in both languages.
    for problem in [
        EventProblem::AttachmentsNotAllowed,
        EventProblem::AttachmentTwice { index: 1 },
        EventProblem::TooManyAttachments { max: 20 },
        EventProblem::Attachment {
            index: 0,
            problem: AttachmentProblem::NameControl { character: '\u{7}' },
        },
    ] {
        for lang in [Lang::Zh, Lang::En] {
            let text = duty_ledger::i18n::problem_text(lang, &problem);
            assert!(!text.is_empty() && !text.contains('{'), "{text}");
        }
    }
}

#[test]
fn kept_files_are_stored_once_removed_only_after_export_and_never_brought_back() {
    let a = file(1, "a.jpg", FileType::Jpeg);
    let b = file(2, "b.pdf", FileType::Pdf);
    let mut catalogue = Catalogue::new();
    let arrival = kept::arrival(&catalogue, [&a.sha256, &b.sha256, &a.sha256]);
    assert_eq!(arrival.store, vec![a.sha256, b.sha256]);
    for f in [&a, &b] {
        catalogue.insert(f.sha256, StoredFile::new(f, stamp(0)));
    }
    assert_eq!(
        kept::arrival(&catalogue, [&a.sha256]).already_here,
        vec![a.sha256]
    );
    assert_eq!(kept::presence(&catalogue, &a.sha256), Presence::Here);
    assert_eq!(
        kept::presence(&catalogue, &Digest::of(b"other")),
        Presence::Missing
    );
    // Not exported: not removable.
    assert!(kept::removable(&catalogue).is_empty());
    assert_eq!(kept::remove(&catalogue[&a.sha256], stamp(1)), None);
    let exported = kept::exported(
        &catalogue[&a.sha256],
        "区教育局-进展含附件-2023-11-14.json",
        stamp(1),
    );
    catalogue.insert(a.sha256, exported);
    assert_eq!(kept::removable(&catalogue).len(), 1);
    let removed = kept::remove(&catalogue[&a.sha256], stamp(2)).unwrap();
    catalogue.insert(a.sha256, removed);
    assert!(matches!(
        kept::presence(&catalogue, &a.sha256),
        Presence::Removed { exported: Some(ref e), .. } if e.file.ends_with("2023-11-14.json")
    ));
    // A file carrying it again does not bring it back.
    assert_eq!(
        kept::arrival(&catalogue, [&a.sha256]).removed,
        vec![a.sha256]
    );
    assert!(kept::restore(&catalogue[&a.sha256]));
    let usage = kept::usage(&catalogue);
    assert_eq!((usage.files, usage.bytes, usage.removed), (1, b.size, 1));
    // Files no record names are orphans; named ones are not.
    let r = recorder();
    let mut ledger = Ledger::new();
    assert_eq!(kept::orphans(&catalogue, &ledger).len(), 1);
    ledger.add(
        r.add_note_with(
            EventId::from_random([9; 8]),
            TaskId(3),
            stamp(3),
            None,
            "x",
            vec![b.clone()],
        )
        .unwrap(),
    );
    assert!(kept::orphans(&catalogue, &ledger).is_empty());
    assert!(kept::bytes_needed([&a, &b]) > a.size + b.size);
}
