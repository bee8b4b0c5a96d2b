//! Reading the EXIF block of a photo (a TIFF structure): its orientation (tag 0x0112) and its
//! location (the GPS IFD, tag 0x8825); and writing a block that holds only the location, for a
//! photo made smaller whose user chose to keep where it was taken. Every offset is checked
//! against the block; a damaged block reads as having no orientation and no location.

/// What the EXIF block says that matters here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exif {
    /// 1–8 as EXIF numbers them (1: as stored; 6: turn 90° clockwise to show; …).
    pub orientation: Option<u16>,
    /// The GPS IFD's entries, as read (in the block's byte order, values copied out).
    pub gps: Vec<GpsEntry>,
}

impl Exif {
    /// Whether the photo says where it was taken: a GPS entry other than the version alone.
    pub fn has_location(&self) -> bool {
        self.gps.iter().any(|e| e.tag != 0)
    }
}

/// One entry of the GPS IFD, its value as numbers of its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GpsEntry {
    pub tag: u16,
    pub kind: u16,
    pub count: u32,
    /// Each component, widened (a rational is two components).
    pub values: Vec<u32>,
}

/// The bytes of one number of a TIFF type, and how many numbers make one of its values.
fn unit(kind: u16) -> Option<(usize, usize)> {
    Some(match kind {
        1 | 2 | 6 | 7 => (1, 1), // BYTE, ASCII, SBYTE, UNDEFINED
        3 | 8 => (2, 1),         // SHORT, SSHORT
        4 | 9 => (4, 1),         // LONG, SLONG
        5 | 10 => (4, 2),        // RATIONAL, SRATIONAL: two LONGs
        _ => return None,
    })
}

struct Tiff<'a> {
    bytes: &'a [u8],
    little: bool,
}

impl Tiff<'_> {
    fn u16(&self, at: usize) -> Option<u16> {
        let b: [u8; 2] = self.bytes.get(at..at + 2)?.try_into().ok()?;
        Some(if self.little {
            u16::from_le_bytes(b)
        } else {
            u16::from_be_bytes(b)
        })
    }

    fn u32(&self, at: usize) -> Option<u32> {
        let b: [u8; 4] = self.bytes.get(at..at + 4)?.try_into().ok()?;
        Some(if self.little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    }

    /// The entries of the IFD at `at`: (tag, type, count, offset of the value or its bytes).
    fn entries(&self, at: usize) -> Option<Vec<(u16, u16, u32, usize)>> {
        let count = usize::from(self.u16(at)?);
        if count > 512 {
            return None;
        }
        (0..count)
            .map(|i| {
                let e = at + 2 + 12 * i;
                let (tag, kind, n) = (self.u16(e)?, self.u16(e + 2)?, self.u32(e + 4)?);
                let (width, per) = unit(kind).unwrap_or((1, 1));
                let total = (width * per).checked_mul(n as usize)?;
                let value = if total <= 4 {
                    e + 8
                } else {
                    self.u32(e + 8)? as usize
                };
                Some((tag, kind, n, value))
            })
            .collect()
    }

    fn values(&self, kind: u16, count: u32, at: usize) -> Option<Vec<u32>> {
        let (step, per) = unit(kind)?;
        if count > 4096 {
            return None;
        }
        let n = count as usize * per;
        (0..n)
            .map(|i| {
                let p = at + i * step;
                match step {
                    1 => self.bytes.get(p).map(|b| u32::from(*b)),
                    2 => self.u16(p).map(u32::from),
                    _ => self.u32(p),
                }
            })
            .collect()
    }
}

/// Reads an EXIF (TIFF) block.
pub fn read(block: &[u8]) -> Exif {
    read_checked(block).unwrap_or_default()
}

fn read_checked(block: &[u8]) -> Option<Exif> {
    let little = match block.get(..2)? {
        b"II" => true,
        b"MM" => false,
        _ => return None,
    };
    let tiff = Tiff {
        bytes: block,
        little,
    };
    if tiff.u16(2)? != 42 {
        return None;
    }
    let ifd0 = tiff.u32(4)? as usize;
    let entries = tiff.entries(ifd0)?;
    let mut exif = Exif::default();
    for (tag, kind, count, at) in entries {
        match tag {
            0x0112 if kind == 3 && count >= 1 => {
                exif.orientation = tiff.u16(at).filter(|o| (1..=8).contains(o));
            }
            0x8825 if matches!(kind, 4 | 13) => {
                let gps = tiff.u32(at)? as usize;
                for (tag, kind, count, at) in tiff.entries(gps).unwrap_or_default() {
                    if let Some(values) = tiff.values(kind, count, at) {
                        exif.gps.push(GpsEntry {
                            tag,
                            kind,
                            count,
                            values,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    Some(exif)
}

/// A little-endian TIFF block holding only a GPS IFD with `gps` (IFD0 has the one pointer to
/// it; no orientation, since a photo made smaller is stored the right way up).
pub fn gps_block(gps: &[GpsEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(b"II");
    out.extend_from_slice(&42u16.to_le_bytes());
    out.extend_from_slice(&8u32.to_le_bytes());
    // IFD0: one entry, GPSInfo, pointing just past itself.
    let gps_at = 8 + 2 + 12 + 4;
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&0x8825u16.to_le_bytes());
    out.extend_from_slice(&4u16.to_le_bytes());
    out.extend_from_slice(&1u32.to_le_bytes());
    out.extend_from_slice(&(gps_at as u32).to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    // The GPS IFD, then the values longer than four bytes.
    let mut data_at = gps_at + 2 + 12 * gps.len() + 4;
    let mut data = Vec::new();
    out.extend_from_slice(&(gps.len() as u16).to_le_bytes());
    for entry in gps {
        let (width, _) = unit(entry.kind).unwrap_or((1, 1));
        let mut value = Vec::new();
        for v in &entry.values {
            match width {
                1 => value.push(*v as u8),
                2 => value.extend_from_slice(&(*v as u16).to_le_bytes()),
                _ => value.extend_from_slice(&v.to_le_bytes()),
            }
        }
        out.extend_from_slice(&entry.tag.to_le_bytes());
        out.extend_from_slice(&entry.kind.to_le_bytes());
        out.extend_from_slice(&entry.count.to_le_bytes());
        if value.len() <= 4 {
            value.resize(4, 0);
            out.extend_from_slice(&value);
        } else {
            out.extend_from_slice(&(data_at as u32).to_le_bytes());
            if !value.len().is_multiple_of(2) {
                value.push(0);
            }
            data_at += value.len();
            data.extend_from_slice(&value);
        }
    }
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&data);
    out
}

/// Latitude and longitude in degrees (south and west negative), when the GPS entries hold them.
pub fn coordinates(gps: &[GpsEntry]) -> Option<(f64, f64)> {
    let get = |tag: u16| gps.iter().find(|e| e.tag == tag);
    let degrees = |tag: u16| -> Option<f64> {
        let v = &get(tag)?.values;
        if v.len() < 6 {
            return None;
        }
        let part = |i: usize| f64::from(v[2 * i]) / f64::from(v[2 * i + 1].max(1));
        Some(part(0) + part(1) / 60.0 + part(2) / 3600.0)
    };
    let sign = |tag: u16, negative: u8| {
        if get(tag).and_then(|e| e.values.first()).copied() == Some(u32::from(negative)) {
            -1.0
        } else {
            1.0
        }
    };
    Some((degrees(2)? * sign(1, b'S'), degrees(4)? * sign(3, b'W')))
}
