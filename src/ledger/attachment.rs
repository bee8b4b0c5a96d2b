//! 佐证材料: what a record says about a file attached to it. The bytes live elsewhere (on the
//! device in a database of their own, in an exchange file beside the records); the record
//! carries each file's SHA-256, name, type and size, so the record's digest, and the signature
//! over its device's chain, vouch for exactly those bytes.
//!
//! The rules here hold for records written on this device and for received ones alike: a name
//! a file system and a person can both read (no folders, no control or bidi characters, the
//! extension of its type), a type from the closed list below (decided from the bytes, never
//! from the name: see `evidence::sniff`), a size between 1 byte and [`MAX_ATTACHMENT_BYTES`].

use std::fmt;

use serde::{Deserialize, Serialize};

use super::event::{is_bidi_control, is_invisible, is_refused_control};
use crate::foundation::digest::Digest;

/// The most files one record carries.
pub const MAX_ATTACHMENTS: usize = 20;
/// The largest file kept, in bytes (20 MiB): a scanned PDF of a few dozen pages, a long Word
/// document. Photos are made far smaller on the device before they are kept.
pub const MAX_ATTACHMENT_BYTES: u64 = 20 * 1024 * 1024;
/// The longest file name, in characters.
pub const MAX_NAME_CHARS: usize = 120;

/// The kinds of file a record may carry, by what their bytes are. In files the MIME type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum FileType {
    #[serde(rename = "image/jpeg")]
    Jpeg,
    #[serde(rename = "image/png")]
    Png,
    #[serde(rename = "image/webp")]
    Webp,
    #[serde(rename = "image/gif")]
    Gif,
    /// HEIC/HEIF photos (iPhone, iPad): kept as they are where the browser cannot decode them.
    #[serde(rename = "image/heic")]
    Heic,
    #[serde(rename = "application/pdf")]
    Pdf,
    /// Word 97–2003 (and WPS 文字's `.wps`): a compound file with a `WordDocument` stream.
    #[serde(rename = "application/msword")]
    Doc,
    #[serde(rename = "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    Docx,
    /// Excel 97–2003 (and WPS 表格's `.et`): a compound file with a `Workbook` stream.
    #[serde(rename = "application/vnd.ms-excel")]
    Xls,
    #[serde(rename = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    Xlsx,
    /// OFD (GB/T 33190), the format of many official electronic documents (电子公文, 电子发票).
    #[serde(rename = "application/ofd")]
    Ofd,
}

impl FileType {
    pub const ALL: [FileType; 11] = [
        FileType::Jpeg,
        FileType::Png,
        FileType::Webp,
        FileType::Gif,
        FileType::Heic,
        FileType::Pdf,
        FileType::Doc,
        FileType::Docx,
        FileType::Xls,
        FileType::Xlsx,
        FileType::Ofd,
    ];

    /// The MIME type, as files carry it and as a blob is labelled.
    pub fn mime(self) -> &'static str {
        match self {
            FileType::Jpeg => "image/jpeg",
            FileType::Png => "image/png",
            FileType::Webp => "image/webp",
            FileType::Gif => "image/gif",
            FileType::Heic => "image/heic",
            FileType::Pdf => "application/pdf",
            FileType::Doc => "application/msword",
            FileType::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            FileType::Xls => "application/vnd.ms-excel",
            FileType::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileType::Ofd => "application/ofd",
        }
    }

    /// The type of a MIME name, if it is one of ours.
    pub fn from_mime(mime: &str) -> Option<FileType> {
        FileType::ALL.into_iter().find(|t| t.mime() == mime)
    }

    /// The extensions a name of this type may end with, the usual one first (lowercase).
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            FileType::Jpeg => &["jpg", "jpeg", "jpe", "jfif"],
            FileType::Png => &["png"],
            FileType::Webp => &["webp"],
            FileType::Gif => &["gif"],
            FileType::Heic => &["heic", "heif"],
            FileType::Pdf => &["pdf"],
            FileType::Doc => &["doc", "wps", "dot"],
            FileType::Docx => &["docx", "dotx"],
            FileType::Xls => &["xls", "et", "xlt"],
            FileType::Xlsx => &["xlsx", "xltx"],
            FileType::Ofd => &["ofd"],
        }
    }

    /// The type whose extensions include `extension` (any case).
    pub fn of_extension(extension: &str) -> Option<FileType> {
        let lower = extension.to_ascii_lowercase();
        FileType::ALL
            .into_iter()
            .find(|t| t.extensions().contains(&lower.as_str()))
    }

    /// Whether a browser shows it as a picture (`<img>`): a thumbnail can be made.
    pub fn is_image(self) -> bool {
        matches!(
            self,
            FileType::Jpeg | FileType::Png | FileType::Webp | FileType::Gif | FileType::Heic
        )
    }

    /// A short label for a document's tile (PDF, Word, Excel, OFD) or a picture (图片).
    pub fn family(self) -> Family {
        match self {
            FileType::Jpeg | FileType::Png | FileType::Webp | FileType::Gif | FileType::Heic => {
                Family::Image
            }
            FileType::Pdf => Family::Pdf,
            FileType::Doc | FileType::Docx => Family::Word,
            FileType::Xls | FileType::Xlsx => Family::Excel,
            FileType::Ofd => Family::Ofd,
        }
    }
}

/// What kind of thing a file is to the person looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Image,
    Pdf,
    Word,
    Excel,
    Ofd,
}

/// One attached file as a record carries it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// SHA-256 of the file's bytes, as kept (after a photo was made smaller).
    pub sha256: Digest,
    /// The file's name, without folders.
    pub name: String,
    #[serde(rename = "type")]
    pub kind: FileType,
    /// Its length in bytes.
    #[serde(deserialize_with = "crate::foundation::canonical::whole")]
    pub size: u64,
}

/// Why an attachment's description breaks the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttachmentProblem {
    /// No name, or only white space and invisible characters.
    NameEmpty,
    NameTooLong {
        max: usize,
    },
    /// A `/` or `\`: a path, not a name.
    NamePath,
    /// `.`, `..`, or a name starting with a dot (hidden on many systems) or ending with one.
    NameDots,
    NameControl {
        character: char,
    },
    NameBidi {
        character: char,
    },
    /// Leading or trailing white space.
    NameSpace,
    /// The name's extension is not one of its type's.
    NameExtension {
        kind: FileType,
    },
    Empty,
    TooLarge {
        max: u64,
    },
}

impl fmt::Display for AttachmentProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

/// The extension of a name: what follows its last dot, if there is one and it is not the
/// first character.
pub fn extension(name: &str) -> Option<&str> {
    let (stem, ext) = name.rsplit_once('.')?;
    (!stem.is_empty() && !ext.is_empty()).then_some(ext)
}

/// The rules of a file name, for records written here and received alike.
pub fn check_name(name: &str) -> Result<(), AttachmentProblem> {
    if let Some(character) = name.chars().find(|c| is_refused_control(*c)) {
        return Err(AttachmentProblem::NameControl { character });
    }
    if let Some(character) = name.chars().find(|c| is_bidi_control(*c)) {
        return Err(AttachmentProblem::NameBidi { character });
    }
    if name.chars().any(|c| matches!(c, '\n' | '\r' | '\t')) {
        return Err(AttachmentProblem::NameControl {
            character: name
                .chars()
                .find(|c| matches!(c, '\n' | '\r' | '\t'))
                .unwrap_or('\n'),
        });
    }
    if name.contains(['/', '\\']) {
        return Err(AttachmentProblem::NamePath);
    }
    if name.chars().all(is_invisible) {
        return Err(AttachmentProblem::NameEmpty);
    }
    if name.trim() != name {
        return Err(AttachmentProblem::NameSpace);
    }
    if name.starts_with('.') || name.ends_with('.') {
        return Err(AttachmentProblem::NameDots);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(AttachmentProblem::NameTooLong {
            max: MAX_NAME_CHARS,
        });
    }
    Ok(())
}

impl Attachment {
    /// The rules of one attachment: its name, its extension for its type, its size.
    pub fn check(&self) -> Result<(), AttachmentProblem> {
        check_name(&self.name)?;
        let fits = extension(&self.name)
            .map(str::to_ascii_lowercase)
            .is_some_and(|ext| self.kind.extensions().contains(&ext.as_str()));
        if !fits {
            return Err(AttachmentProblem::NameExtension { kind: self.kind });
        }
        if self.size == 0 {
            return Err(AttachmentProblem::Empty);
        }
        if self.size > MAX_ATTACHMENT_BYTES {
            return Err(AttachmentProblem::TooLarge {
                max: MAX_ATTACHMENT_BYTES,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(name: &str) -> Attachment {
        Attachment {
            sha256: Digest::of(b"x"),
            name: name.to_string(),
            kind: FileType::Jpeg,
            size: 1,
        }
    }

    #[test]
    fn names_are_names() {
        assert_eq!(photo("现场照片.jpg").check(), Ok(()));
        assert_eq!(photo("IMG_0001.JPEG").check(), Ok(()));
        assert_eq!(photo("../x.jpg").check(), Err(AttachmentProblem::NamePath));
        assert_eq!(photo("a\\b.jpg").check(), Err(AttachmentProblem::NamePath));
        assert_eq!(
            photo("a\u{7}.jpg").check(),
            Err(AttachmentProblem::NameControl { character: '\u{7}' })
        );
        assert_eq!(
            photo("a\n.jpg").check(),
            Err(AttachmentProblem::NameControl { character: '\n' })
        );
        assert_eq!(
            photo("gpj.\u{202e}exe.jpg").check(),
            Err(AttachmentProblem::NameBidi {
                character: '\u{202e}'
            })
        );
        assert_eq!(photo(".jpg").check(), Err(AttachmentProblem::NameDots));
        assert_eq!(photo(" a.jpg").check(), Err(AttachmentProblem::NameSpace));
        assert_eq!(
            photo("\u{200b} ").check(),
            Err(AttachmentProblem::NameEmpty)
        );
        assert_eq!(
            photo("报告.pdf").check(),
            Err(AttachmentProblem::NameExtension {
                kind: FileType::Jpeg
            })
        );
        assert_eq!(
            photo("noextension").check(),
            Err(AttachmentProblem::NameExtension {
                kind: FileType::Jpeg
            })
        );
        let long = format!("{}.jpg", "长".repeat(MAX_NAME_CHARS));
        assert_eq!(
            photo(&long).check(),
            Err(AttachmentProblem::NameTooLong {
                max: MAX_NAME_CHARS
            })
        );
    }

    #[test]
    fn sizes_are_bounded() {
        let mut a = photo("a.jpg");
        a.size = 0;
        assert_eq!(a.check(), Err(AttachmentProblem::Empty));
        a.size = MAX_ATTACHMENT_BYTES + 1;
        assert!(matches!(a.check(), Err(AttachmentProblem::TooLarge { .. })));
    }

    #[test]
    fn types_are_mime_names_in_files() {
        for kind in FileType::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.mime()));
            assert_eq!(FileType::from_mime(kind.mime()), Some(kind));
            assert_eq!(FileType::of_extension(kind.extensions()[0]), Some(kind));
        }
    }
}
