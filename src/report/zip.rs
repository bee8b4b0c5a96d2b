//! A ZIP archive with stored (uncompressed) entries, written in memory: the package of every
//! Office Open XML file the app writes (XLSX in [`super::xlsx`], DOCX in [`super::docx`]).
//! Stored entries are what every reader accepts and keep the writer a few hundred bytes of
//! WebAssembly. No ZIP64: an archive stays under 4 GiB.

/// CRC-32 (IEEE, as in ZIP), bit by bit: small code, fast enough for a report.
pub(crate) fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

/// A ZIP archive with stored entries, written in memory.
#[derive(Default)]
pub(crate) struct Zip {
    bytes: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

impl Zip {
    /// 1980-01-01 00:00 in MS-DOS form, so the same workbook gives the same bytes.
    const DOS_DATE: u16 = (1 << 5) | 1;

    pub(crate) fn add(&mut self, name: &str, data: &[u8]) {
        let offset = self.bytes.len() as u32;
        let crc = crc32(data);
        let size = data.len() as u32;
        let name_len = name.len() as u16;
        // Local file header: signature, version needed 2.0, flags, method 0 (stored), time,
        // date, CRC-32, compressed and uncompressed size, name length, extra length.
        put32(&mut self.bytes, 0x0403_4b50);
        for v in [20, 0, 0, 0, Self::DOS_DATE] {
            put16(&mut self.bytes, v);
        }
        for v in [crc, size, size] {
            put32(&mut self.bytes, v);
        }
        put16(&mut self.bytes, name_len);
        put16(&mut self.bytes, 0);
        self.bytes.extend_from_slice(name.as_bytes());
        self.bytes.extend_from_slice(data);
        // Central directory header: as above, plus version made by, comment length, disk,
        // internal and external attributes and the local header's offset.
        let c = &mut self.central;
        put32(c, 0x0201_4b50);
        for v in [20, 20, 0, 0, 0, Self::DOS_DATE] {
            put16(c, v);
        }
        for v in [crc, size, size] {
            put32(c, v);
        }
        for v in [name_len, 0, 0, 0, 0] {
            put16(c, v);
        }
        put32(c, 0);
        put32(c, offset);
        c.extend_from_slice(name.as_bytes());
        self.entries += 1;
    }

    pub(crate) fn finish(mut self) -> Vec<u8> {
        let offset = self.bytes.len() as u32;
        let size = self.central.len() as u32;
        self.bytes.append(&mut self.central);
        // End of central directory: signature, disk numbers, entry counts, directory size and
        // offset, comment length.
        put32(&mut self.bytes, 0x0605_4b50);
        for v in [0, 0, self.entries, self.entries] {
            put16(&mut self.bytes, v);
        }
        put32(&mut self.bytes, size);
        put32(&mut self.bytes, offset);
        put16(&mut self.bytes, 0);
        self.bytes
    }
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}
