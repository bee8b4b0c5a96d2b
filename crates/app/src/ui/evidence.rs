//! 佐证材料 on the screen: attaching files to a note (the tablet's camera or picked files, made
//! ready one by one), the files of a note as thumbnails and tiles, viewing, opening and
//! downloading one, and the files kept on this device as app state ([`Files`]).
//!
//! Every decision is `evidence`'s (what a file is, its name, whether and how a photo is made
//! smaller, what is stored, what may be removed); this moves bytes between the file picker,
//! the browser's image decoder and `browser::files_db`. Thumbnails are read from the files
//! database when a tile shows (made once, at 320 px, for pictures that came in a file).

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::store::store;
use super::{fill, tr, ui};
use crate::browser::files_db::{self, NewFile};
use crate::browser::{clock, device_storage, photo};
use crate::evidence::intake::{
    Rename, Treatment, check_size, converted_name, describe, examine, finish_kept, finish_shrunk,
    fit,
};
use crate::evidence::kept::{self, Catalogue, Presence, StoredFile};
use crate::evidence::message;
use crate::foundation::digest::Digest;
use crate::i18n::{self, Key, Lang, family_key, format_size, format_stamp};
use crate::ledger::attachment::{Attachment, Family, FileType, MAX_ATTACHMENTS};
use crate::vault::space::{self, Shortfall};

/// The longest side of a thumbnail, in pixels.
const THUMB_SIDE: u32 = 320;
const THUMB_QUALITY: f64 = 0.7;

/// The files kept on this device, as the screens know them.
#[derive(Clone, Copy)]
pub struct Files {
    pub catalogue: RwSignal<Catalogue>,
    /// Whether the catalogue has been read.
    pub loaded: RwSignal<bool>,
    loading: StoredValue<bool>,
    /// When the catalogue was last read (ms), so that missing files ask again, not in a storm.
    read_at: StoredValue<f64>,
}

pub fn files() -> Files {
    expect_context::<Files>()
}

/// Why files could not be kept.
#[derive(Debug, Clone, PartialEq)]
pub enum KeepError {
    NoRoom(Shortfall),
    Failed(String),
}

impl KeepError {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            KeepError::NoRoom(short) => i18n::fill(
                Key::SaveFilesNoRoom,
                lang,
                &[
                    ("needed", &format_size(short.needed)),
                    ("free", &format_size(short.free)),
                ],
            ),
            KeepError::Failed(why) => i18n::fill(Key::SaveFilesFailed, lang, &[("why", why)]),
        }
    }
}

impl Files {
    pub fn init() -> Files {
        Files {
            catalogue: RwSignal::new(Catalogue::new()),
            loaded: RwSignal::new(false),
            loading: StoredValue::new(false),
            read_at: StoredValue::new(0.0),
        }
    }

    /// Reads the catalogue once (the first screen that shows files asks).
    pub fn ensure(self) {
        if self.loaded.get_untracked() || self.loading.get_value() {
            return;
        }
        self.loading.set_value(true);
        spawn_local(async move {
            self.reload().await;
            self.loading.set_value(false);
        });
    }

    /// A file a record names is not in the catalogue: another tab may have kept it since the
    /// catalogue was read. Reads it again, at most every two seconds.
    pub fn recheck(self) {
        let now = js_sys::Date::now();
        if self.loading.get_value() || now - self.read_at.get_value() < 2000.0 {
            return;
        }
        self.read_at.set_value(now);
        self.loading.set_value(true);
        spawn_local(async move {
            self.reload().await;
            self.loading.set_value(false);
        });
    }

    /// Reads the catalogue again (after another tab or an import kept files).
    pub async fn reload(self) {
        self.read_at.set_value(js_sys::Date::now());
        if let Ok(catalogue) = files_db::catalogue().await {
            self.catalogue.set(catalogue);
            self.loaded.set(true);
        }
    }

    /// Keeps the bytes of `files` that are not here yet, checking first that they fit. Nothing
    /// is kept unless everything is; a file already here is not written again, and a file the
    /// user removed is written again only when the user attaches it here.
    pub async fn keep(self, files: Vec<ReadyFile>) -> Result<(), KeepError> {
        if !self.loaded.get_untracked() {
            self.reload().await;
        }
        let wanted: Vec<Digest> = files.iter().map(|f| f.file.sha256).collect();
        let arrival = self.catalogue.with_untracked(|c| kept::arrival(c, &wanted));
        let store: Vec<&ReadyFile> = files
            .iter()
            .filter(|f| {
                arrival.store.contains(&f.file.sha256) || arrival.removed.contains(&f.file.sha256)
            })
            .collect();
        if store.is_empty() {
            return Ok(());
        }
        let needed = kept::bytes_needed(store.iter().map(|f| &f.file));
        let estimate = device_storage::estimate().await;
        space::fits(needed, estimate).map_err(KeepError::NoRoom)?;
        let now = clock::now();
        let mut entries = Vec::new();
        let mut new = Vec::new();
        for f in &store {
            let Some(bytes) = files_db::blob_of(&f.bytes, f.file.kind.mime()) else {
                return Err(KeepError::Failed("Blob".into()));
            };
            let thumb = f
                .thumb
                .as_ref()
                .and_then(|t| files_db::blob_of(t, "image/jpeg"));
            let entry = StoredFile::new(&f.file, now);
            entries.push(entry.clone());
            new.push(NewFile {
                entry,
                bytes,
                thumb,
            });
        }
        files_db::put(&new).await.map_err(|why| {
            if why == "QuotaExceededError" {
                KeepError::NoRoom(Shortfall {
                    needed,
                    free: estimate.map_or(0, |e| e.free()),
                })
            } else {
                KeepError::Failed(why)
            }
        })?;
        self.catalogue.update(|c| {
            for entry in entries {
                c.insert(entry.sha256, entry);
            }
        });
        Ok(())
    }

    /// Notes that an export with attachments carried `hashes` in `file`.
    pub async fn mark_exported(self, hashes: &[Digest], file: &str) {
        let now = clock::now();
        let entries: Vec<StoredFile> = self.catalogue.with_untracked(|c| {
            hashes
                .iter()
                .filter_map(|h| c.get(h))
                .map(|e| kept::exported(e, file, now))
                .collect()
        });
        if files_db::update(&entries, false).await.is_ok() {
            self.catalogue.update(|c| {
                for e in entries {
                    c.insert(e.sha256, e);
                }
            });
        }
    }

    /// Removes the bytes of exported files, at the user's request; their entries stay.
    pub async fn remove(self, hashes: &[Digest]) -> Result<usize, String> {
        let now = clock::now();
        let entries: Vec<StoredFile> = self.catalogue.with_untracked(|c| {
            hashes
                .iter()
                .filter_map(|h| c.get(h))
                .filter_map(|e| kept::remove(e, now))
                .collect()
        });
        files_db::update(&entries, true).await?;
        let n = entries.len();
        self.catalogue.update(|c| {
            for e in entries {
                c.insert(e.sha256, e);
            }
        });
        Ok(n)
    }

    /// Deletes files and their entries (orphans; a removed file asked for again).
    pub async fn forget(self, hashes: Vec<Digest>) -> Result<(), String> {
        files_db::forget(&hashes).await?;
        self.catalogue.update(|c| {
            for h in &hashes {
                c.remove(h);
            }
        });
        Ok(())
    }
}

/// A file ready to keep: its description for the record, its bytes, its thumbnail.
#[derive(Clone, PartialEq)]
pub struct ReadyFile {
    pub file: Attachment,
    pub bytes: Arc<Vec<u8>>,
    pub thumb: Option<Arc<Vec<u8>>>,
}

/// A picked file made ready, waiting for the note to be saved.
#[derive(Clone, PartialEq)]
pub struct Pending {
    pub key: u32,
    /// Without the location (what is kept unless the user keeps the location).
    pub plain: ReadyFile,
    /// With the photo's location, when it had one.
    pub located: Option<ReadyFile>,
    pub keep_location: bool,
    /// What was done to it, in words.
    pub remarks: Vec<String>,
}

impl Pending {
    pub fn chosen(&self) -> &ReadyFile {
        match (&self.located, self.keep_location) {
            (Some(located), true) => located,
            _ => &self.plain,
        }
    }
}

/// The files a note form is collecting: those it keeps (an edit's), those picked now, what was
/// said about the last pick, and how many are still being made ready.
#[derive(Clone, Copy)]
pub struct Attaching {
    pub existing: RwSignal<Vec<Attachment>>,
    pub pending: RwSignal<Vec<Pending>>,
    pub notices: RwSignal<Vec<String>>,
    pub busy: RwSignal<usize>,
    next: StoredValue<u32>,
}

impl Attaching {
    pub fn new(existing: Vec<Attachment>) -> Attaching {
        Attaching {
            existing: RwSignal::new(existing),
            pending: RwSignal::new(Vec::new()),
            notices: RwSignal::new(Vec::new()),
            busy: RwSignal::new(0),
            next: StoredValue::new(0),
        }
    }

    /// The files the record will name, kept ones first.
    pub fn chosen(&self) -> Vec<Attachment> {
        let mut all = self.existing.get_untracked();
        for p in self.pending.get_untracked() {
            let file = p.chosen().file.clone();
            if !all.iter().any(|f| f.sha256 == file.sha256) {
                all.push(file);
            }
        }
        all
    }

    /// The picked files to keep before the record is written.
    pub fn ready(&self) -> Vec<ReadyFile> {
        self.pending
            .get_untracked()
            .iter()
            .map(|p| p.chosen().clone())
            .collect()
    }

    pub fn reset(&self, existing: Vec<Attachment>) {
        self.existing.set(existing);
        self.pending.set(Vec::new());
        self.notices.set(Vec::new());
    }

    /// Takes picked files in, one after another.
    fn take(self, list: Option<web_sys::FileList>, lang: Lang) {
        let Some(list) = list else { return };
        let picked: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        if picked.is_empty() {
            return;
        }
        self.notices.set(Vec::new());
        self.busy.update(|n| *n += picked.len());
        spawn_local(async move {
            for file in picked {
                let count =
                    self.existing.with_untracked(Vec::len) + self.pending.with_untracked(Vec::len);
                let outcome = if count >= MAX_ATTACHMENTS {
                    Err(i18n::fill(
                        Key::IntakeTooMany,
                        lang,
                        &[("max", &MAX_ATTACHMENTS.to_string())],
                    ))
                } else {
                    let key = self.next.get_value();
                    self.next.set_value(key + 1);
                    let span = crate::browser::perf::Span::start("duty-ledger:attach-prepare");
                    let prepared = prepare(file, key, lang).await;
                    span.finish();
                    prepared
                };
                match outcome {
                    Ok(pending) => {
                        let hash = pending.plain.file.sha256;
                        let twice = self
                            .existing
                            .with_untracked(|e| e.iter().any(|f| f.sha256 == hash))
                            || self
                                .pending
                                .with_untracked(|p| p.iter().any(|q| q.plain.file.sha256 == hash));
                        if twice {
                            let name = pending.plain.file.name.clone();
                            self.notices.update(|n| {
                                n.push(i18n::fill(Key::IntakeDuplicate, lang, &[("name", &name)]))
                            });
                        } else {
                            self.pending.update(|p| p.push(pending));
                        }
                    }
                    Err(text) => self.notices.update(|n| n.push(text)),
                }
                self.busy.update(|n| *n = n.saturating_sub(1));
            }
        });
    }
}

/// A thumbnail of a decoded picture, as JPEG bytes.
async fn thumbnail(bitmap: &web_sys::ImageBitmap) -> Option<Vec<u8>> {
    let (w, h) = photo::size(bitmap);
    let (tw, th) = fit(w, h, THUMB_SIDE);
    let blob = photo::encode(bitmap, tw, th, THUMB_QUALITY).await.ok()?;
    files_db::bytes_of(&blob).await.ok()
}

/// Makes one picked file ready, or says why it is not taken.
async fn prepare(file: web_sys::File, key: u32, lang: Lang) -> Result<Pending, String> {
    let raw_name = file.name();
    let refuse = |p| message::refusal(lang, &raw_name, &p);
    check_size(file.size() as u64).map_err(refuse)?;
    let bytes = files_db::bytes_of(&file)
        .await
        .map_err(|_| i18n::fill(Key::IntakeReadFailed, lang, &[("name", &raw_name)]))?;
    let examined = examine(&raw_name, &bytes).map_err(refuse)?;
    let mut remarks: Vec<String> = examined
        .renamed
        .iter()
        .map(|r| message::renamed(lang, r, &examined.name))
        .collect();
    let facts = examined.photo.clone().unwrap_or_default();
    let kind = examined.kind;
    let decoded = match examined.treatment {
        Treatment::Shrink { .. } => photo::decode(&file).await.ok(),
        Treatment::Keep if kind.is_image() => photo::decode(&file).await.ok(),
        Treatment::Keep => None,
    };
    let (plain, located, thumb) = match (examined.treatment, decoded) {
        (Treatment::Shrink { max_side, quality }, Some(bitmap)) => {
            let (w, h) = photo::size(&bitmap);
            let (tw, th) = fit(w, h, max_side);
            let encoded = photo::encode(&bitmap, tw, th, quality).await;
            let thumb = thumbnail(&bitmap).await;
            photo::close(&bitmap);
            let encoded = files_db::bytes_of(&encoded.map_err(|_| refuse_read(lang, &raw_name))?)
                .await
                .map_err(|_| refuse_read(lang, &raw_name))?;
            let plain = finish_shrunk(&bytes, encoded.clone(), false)
                .ok_or_else(|| refuse_read(lang, &raw_name))?;
            let located = facts
                .location
                .then(|| finish_shrunk(&bytes, encoded, true))
                .flatten();
            remarks.push(i18n::fill(
                Key::IntakeShrunk,
                lang,
                &[
                    ("from", &format_size(bytes.len() as u64)),
                    ("to", &format_size(plain.len() as u64)),
                    ("width", &tw.to_string()),
                    ("height", &th.to_string()),
                ],
            ));
            (plain, located, thumb)
        }
        (treatment, decoded) => {
            // Kept as it is: a document, a small picture, or a picture this browser cannot
            // read (kept as a file, not refused).
            let thumb = match &decoded {
                Some(bitmap) => thumbnail(bitmap).await,
                None => None,
            };
            if let Some(bitmap) = &decoded {
                photo::close(bitmap);
            }
            let plain = finish_kept(kind, bytes.clone(), false);
            let located = (facts.location && plain != bytes).then_some(bytes);
            let size = format_size(plain.len() as u64);
            let key = if matches!(treatment, Treatment::Shrink { .. }) {
                Key::IntakeUndecodable
            } else {
                Key::IntakeKeptAsIs
            };
            remarks.push(i18n::fill(key, lang, &[("size", &size)]));
            (plain, located, thumb)
        }
    };
    let ready = |bytes: Vec<u8>| -> Result<ReadyFile, String> {
        let file = describe(&examined.name, &bytes).ok_or_else(|| refuse_read(lang, &raw_name))?;
        Ok(ReadyFile {
            file,
            bytes: Arc::new(bytes),
            thumb: thumb.clone().map(Arc::new),
        })
    };
    let plain = ready(plain)?;
    let (converted, changed) = converted_name(&examined.name, plain.file.kind);
    if changed {
        remarks.push(message::renamed(lang, &Rename::Converted, &converted));
    }
    let located = match located {
        Some(bytes) => Some(ready(bytes)?),
        None => None,
    };
    Ok(Pending {
        key,
        plain,
        located,
        keep_location: false,
        remarks,
    })
}

fn refuse_read(lang: Lang, name: &str) -> String {
    i18n::fill(Key::IntakeReadFailed, lang, &[("name", name)])
}

/// An object URL for bytes, revoked when the component goes.
fn object_url(bytes: &[u8], mime: &str) -> Option<String> {
    let blob = files_db::blob_of(bytes, mime)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let revoke = url.clone();
    on_cleanup(move || {
        let _ = web_sys::Url::revoke_object_url(&revoke);
    });
    Some(url)
}

/// The short word on a document's tile.
fn family_badge(kind: FileType) -> &'static str {
    match kind.family() {
        Family::Image => "IMG",
        Family::Pdf => "PDF",
        Family::Word => "DOC",
        Family::Excel => "XLS",
        Family::Ofd => "OFD",
    }
}

/// The camera and file buttons and the files picked so far, each with its remarks, its
/// location switch and a remove button.
#[component]
pub fn Attacher(attaching: Attaching, id: String) -> impl IntoView {
    let lang = ui().lang;
    let accept = "image/*,.pdf,.doc,.docx,.xls,.xlsx,.wps,.et,.ofd,application/pdf";
    let remove_existing = move |hash: Digest| {
        attaching
            .existing
            .update(|e| e.retain(|f| f.sha256 != hash));
    };
    view! {
        <div class="attacher">
            <div class="attach-buttons">
                <label class="file-picker attach-camera">
                    <span class="file-picker-label">{tr(Key::AttachPhoto)}</span>
                    <input
                        id=format!("{id}-camera")
                        type="file"
                        accept="image/*"
                        capture="environment"
                        on:change:target=move |ev| {
                            let input = ev.target();
                            attaching.take(input.files(), lang.get_untracked());
                            input.set_value("");
                        }
                    />
                </label>
                <label class="file-picker attach-files">
                    <span class="file-picker-label">{tr(Key::AttachFiles)}</span>
                    <input
                        id=format!("{id}-files")
                        type="file"
                        accept=accept
                        multiple
                        on:change:target=move |ev| {
                            let input = ev.target();
                            attaching.take(input.files(), lang.get_untracked());
                            input.set_value("");
                        }
                    />
                </label>
            </div>
            <p class="hint attach-hint">
                {move || fill(Key::AttachHint, &[("max", &(crate::evidence::intake::MAX_PICKED_BYTES / (1024 * 1024)).to_string())])}
            </p>
            <Show when=move || { attaching.busy.get() > 0 }>
                <p class="attach-working" role="status">{tr(Key::IntakeWorking)}</p>
            </Show>
            <ul class="attach-notices" role="alert">
                {move || attaching.notices.get().into_iter().map(|n| view! { <li class="attach-refused">{n}</li> }).collect_view()}
            </ul>
            <ul class="attach-list">
                {move || {
                    attaching
                        .existing
                        .get()
                        .into_iter()
                        .map(|file| {
                            let hash = file.sha256;
                            view! {
                                <li class="attach-item attach-existing">
                                    <AttachmentTile file=file.clone() />
                                    <button type="button" class="button-secondary attach-remove" on:click=move |_| remove_existing(hash)>
                                        {tr(Key::AttachRemove)}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
                <For each=move || attaching.pending.get() key=|p| (p.key, p.keep_location) let:item>
                    <PendingItem item attaching />
                </For>
            </ul>
        </div>
    }
}

#[component]
fn PendingItem(item: Pending, attaching: Attaching) -> impl IntoView {
    let key = item.key;
    let chosen = item.chosen().clone();
    let preview = chosen
        .thumb
        .as_ref()
        .and_then(|t| object_url(t, "image/jpeg"));
    let has_location = item.located.is_some();
    let keep = item.keep_location;
    let remove = move |_| attaching.pending.update(|p| p.retain(|q| q.key != key));
    let toggle = move |_| {
        attaching.pending.update(|p| {
            if let Some(q) = p.iter_mut().find(|q| q.key == key) {
                q.keep_location = !q.keep_location;
            }
        })
    };
    let name = chosen.file.name.clone();
    let size = format_size(chosen.file.size);
    let badge = family_badge(chosen.file.kind);
    view! {
        <li class="attach-item attach-pending" data-name=name.clone() data-size=chosen.file.size.to_string()>
            {match preview {
                Some(url) => view! { <img class="attachment-thumb" src=url alt=name.clone() /> }.into_any(),
                None => view! { <span class="attachment-icon">{badge}</span> }.into_any(),
            }}
            <div class="attach-text">
                <span class="attachment-name">{name.clone()}</span>
                " "
                <span class="attachment-size">{size}</span>
                <ul class="attach-remarks">
                    {item.remarks.iter().cloned().map(|r| view! { <li>{r}</li> }).collect_view()}
                    {has_location
                        .then(|| {
                            view! {
                                <li class="attach-location">
                                    {move || tr(if keep { Key::IntakeGpsKept } else { Key::IntakeGpsRemoved })()}
                                </li>
                            }
                        })}
                </ul>
            </div>
            {has_location
                .then(|| {
                    view! {
                        <label class="attach-keep-location">
                            <input type="checkbox" prop:checked=keep on:change=toggle />
                            {tr(Key::IntakeKeepGps)}
                        </label>
                    }
                })}
            <button type="button" class="button-secondary attach-remove" on:click=remove>
                {tr(Key::AttachRemove)}
            </button>
        </li>
    }
}

/// The files of a note: thumbnails of pictures, tiles of documents, what is missing.
#[component]
pub fn AttachmentList(files: Vec<Attachment>) -> impl IntoView {
    let registry = self::files();
    registry.ensure();
    let n = files.len();
    (!files.is_empty()).then(|| {
        view! {
            <div class="attachments">
                <p class="attachments-heading">{move || fill(Key::AttachmentsLabel, &[("n", &n.to_string())])}</p>
                <ul class="attachment-list">
                    {files.into_iter().map(|file| view! { <li><AttachmentTile file /></li> }).collect_view()}
                </ul>
            </div>
        }
    })
}

/// A thumbnail from the files database (made now for a picture that came in a file).
#[component]
fn Thumb(file: Attachment) -> impl IntoView {
    let url = RwSignal::new(None::<String>);
    let failed = RwSignal::new(false);
    let hash = file.sha256;
    spawn_local(async move {
        let blob = match files_db::thumb(&hash).await {
            Ok(Some(blob)) => Some(blob),
            _ => make_thumb(&hash).await,
        };
        match blob.and_then(|b| web_sys::Url::create_object_url_with_blob(&b).ok()) {
            Some(u) => url.set(Some(u)),
            None => failed.set(true),
        }
    });
    on_cleanup(move || {
        if let Some(u) = url.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&u);
        }
    });
    let badge = family_badge(file.kind);
    let name = file.name.clone();
    move || match url.get() {
        Some(u) => {
            view! { <img class="attachment-thumb" src=u alt=name.clone() decoding="async" /> }
                .into_any()
        }
        None if failed.get() => view! { <span class="attachment-icon">{badge}</span> }.into_any(),
        None => view! { <span class="attachment-icon attachment-loading"></span> }.into_any(),
    }
}

/// Makes and keeps the thumbnail of a picture kept here.
async fn make_thumb(hash: &Digest) -> Option<web_sys::Blob> {
    let blob = files_db::blob(hash).await.ok()??;
    let bitmap = photo::decode(&blob).await.ok()?;
    let bytes = thumbnail(&bitmap).await;
    photo::close(&bitmap);
    let thumb = files_db::blob_of(&bytes?, "image/jpeg")?;
    let _ = files_db::put_thumb(hash, &thumb).await;
    Some(thumb)
}

/// One file of a note as its presence on this device allows: a button that opens it, 附件未随
/// 文件提供, or where it went when the user removed it.
#[component]
pub fn AttachmentTile(file: Attachment) -> impl IntoView {
    let registry = files();
    registry.ensure();
    let hash = file.sha256;
    let presence = Memo::new(move |_| registry.catalogue.with(|c| kept::presence(c, &hash)));
    let open = RwSignal::new(false);
    let file = StoredValue::new(file);
    move || {
        let f = file.get_value();
        let loaded = registry.loaded.get();
        match presence.get() {
            Presence::Here => {
                let name = f.name.clone();
                let label = fill(Key::AttachmentView, &[("name", &name)]);
                let visual = if f.kind.is_image() {
                    view! { <Thumb file=f.clone() /> }.into_any()
                } else {
                    view! { <span class="attachment-icon">{family_badge(f.kind)}</span> }.into_any()
                };
                view! {
                    <span class="attachment" data-sha256=f.sha256.to_hex() data-kind=f.kind.mime()>
                        <button type="button" class="attachment-open" aria-label=label on:click=move |_| open.set(true)>
                            {visual}
                            <span class="attachment-name">{name}</span>
                            <span class="attachment-size">{format_size(f.size)}</span>
                        </button>
                        <Show when=move || open.get()>
                            <Viewer file=file.get_value() on_close=move || open.set(false) />
                        </Show>
                    </span>
                }
                .into_any()
            }
            Presence::Missing if !loaded => view! {
                <span class="attachment attachment-pending-load">
                    <span class="attachment-icon attachment-loading"></span>
                    <span class="attachment-name">{f.name.clone()}</span>
                </span>
            }
            .into_any(),
            Presence::Missing => {
                registry.recheck();
                view! {
                <span class="attachment attachment-missing" title=tr(Key::AttachmentMissingHelp) data-sha256=f.sha256.to_hex()>
                    <span class="attachment-icon">{family_badge(f.kind)}</span>
                    <span class="attachment-name">{f.name.clone()}</span>
                    <span class="attachment-state">{tr(Key::AttachmentMissing)}</span>
                </span>
            }
            .into_any()
            }
            Presence::Removed { at, exported } => {
                let (file_name, when) = match &exported {
                    Some(e) => (e.file.clone(), e.at),
                    None => (String::new(), at),
                };
                let restore = move |_| {
                    spawn_local(async move {
                        let _ = registry.forget(vec![hash]).await;
                    });
                };
                view! {
                    <span class="attachment attachment-removed" data-sha256=f.sha256.to_hex()>
                        <span class="attachment-icon">{family_badge(f.kind)}</span>
                        <span class="attachment-name">{f.name.clone()}</span>
                        <span class="attachment-state">
                            {move || fill(Key::AttachmentRemovedFrom, &[("file", &file_name), ("when", &format_stamp(ui().lang.get(), when))])}
                        </span>
                        <button type="button" class="button-secondary attachment-restore" title=tr(Key::AttachmentRestoreHelp) on:click=restore>
                            {tr(Key::AttachmentRestore)}
                        </button>
                    </span>
                }
                .into_any()
            }
        }
    }
}

/// A file full size (pictures) or to open and download (documents), with the removal of its
/// bytes once it was exported.
#[component]
fn Viewer(file: Attachment, on_close: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let registry = files();
    let url = RwSignal::new(None::<String>);
    let missing = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let hash = file.sha256;
    let mime = file.kind.mime();
    spawn_local(async move {
        match files_db::blob(&hash).await {
            Ok(Some(blob)) => {
                // Labelled with the record's type, so the browser opens it as what it is.
                let typed = files_db::bytes_of(&blob)
                    .await
                    .ok()
                    .and_then(|b| files_db::blob_of(&b, mime))
                    .unwrap_or(blob);
                url.set(web_sys::Url::create_object_url_with_blob(&typed).ok());
            }
            _ => missing.set(true),
        }
    });
    on_cleanup(move || {
        if let Some(u) = url.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&u);
        }
    });
    let entry = move || registry.catalogue.with(|c| c.get(&hash).cloned());
    let remove = move |_| {
        if !confirming.get_untracked() {
            confirming.set(true);
            return;
        }
        spawn_local(async move {
            let _ = registry.remove(&[hash]).await;
        });
        on_close();
    };
    let name = file.name.clone();
    let is_image = file.kind.is_image();
    let kind_words = move || family_key(file.kind.family()).text(ui().lang.get());
    view! {
        <div class="attachment-viewer" role="dialog" aria-modal="true" aria-label=name.clone()>
            <div class="viewer-bar">
                <span class="viewer-name">{name.clone()}</span>
                <span class="viewer-kind">{kind_words} " · " {format_size(file.size)}</span>
                <button type="button" class="viewer-close" on:click=move |_| on_close()>{tr(Key::AttachmentClose)}</button>
            </div>
            <div class="viewer-body">
                {
                let name = name.clone();
                move || match url.get() {
                    Some(u) if is_image => view! { <img class="viewer-image" src=u alt=name.clone() /> }.into_any(),
                    Some(_) => view! { <span class="attachment-icon viewer-icon">{family_badge(file.kind)}</span> }.into_any(),
                    None if missing.get() => view! { <p>{tr(Key::AttachmentGone)}</p> }.into_any(),
                    None => view! { <p role="status">{tr(Key::AttachmentLoading)}</p> }.into_any(),
                }
                }
            </div>
            <div class="viewer-actions">
                {
                    let name = file.name.clone();
                    move || {
                        url.get()
                            .map(|u| {
                                view! {
                                    <a class="button viewer-open" href=u.clone() target="_blank" rel="noopener">{tr(Key::AttachmentOpen)}</a>
                                    <a class="button button-secondary viewer-download" href=u download=name.clone()>{tr(Key::AttachmentDownload)}</a>
                                }
                            })
                    }
                }
                {move || match entry().and_then(|e| e.exported) {
                    Some(exported) => {
                        let help = fill(
                            Key::AttachmentRemoveHelp,
                            &[("file", &exported.file), ("when", &format_stamp(ui().lang.get(), exported.at))],
                        );
                        view! {
                            <p class="hint viewer-remove-help">{help}</p>
                            <button type="button" class="button-danger viewer-remove" on:click=remove>
                                {move || tr(if confirming.get() { Key::AttachmentConfirmRemove } else { Key::AttachmentRemoveBytes })()}
                            </button>
                        }
                        .into_any()
                    }
                    None => view! { <p class="hint viewer-not-exported">{tr(Key::AttachmentNotExported)}</p> }.into_any(),
                }}
            </div>
        </div>
    }
}

/// The evidence of a unit's notes on a task, small (the 需协调 list).
#[component]
pub fn EvidenceStrip(task: crate::plan::TaskId, unit: crate::plan::UnitId) -> impl IntoView {
    let store = store();
    let files = Memo::new(move |_| {
        store.ledger.with(|l| {
            crate::evidence::files_of(l, task, unit)
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    move || {
        let list = files.get();
        (!list.is_empty()).then(|| {
            let n = list.len();
            view! {
                <div class="evidence-strip">
                    <span class="evidence-count">{move || fill(Key::EvidenceCount, &[("n", &n.to_string())])}</span>
                    <ul class="attachment-list">
                        {list.into_iter().map(|file| view! { <li><AttachmentTile file /></li> }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// 存储与备份's part on attached files: how much they use, removing exported ones, files no
/// record names.
#[component]
pub fn FilesStorage() -> impl IntoView {
    let registry = files();
    let store = store();
    spawn_local(registry.reload());
    let usage = move || registry.catalogue.with(kept::usage);
    let removable = Memo::new(move |_| {
        registry.catalogue.with(|c| {
            kept::removable(c)
                .into_iter()
                .map(|e| (e.sha256, e.size))
                .collect::<Vec<_>>()
        })
    });
    let orphans = Memo::new(move |_| {
        registry.catalogue.with(|c| {
            store.ledger.with(|l| {
                kept::orphans(c, l)
                    .into_iter()
                    .map(|e| (e.sha256, e.size))
                    .collect::<Vec<_>>()
            })
        })
    });
    let confirm_remove = RwSignal::new(false);
    let confirm_orphans = RwSignal::new(false);
    let done = RwSignal::new(None::<usize>);
    let remove = move |_| {
        if !confirm_remove.get_untracked() {
            confirm_remove.set(true);
            return;
        }
        confirm_remove.set(false);
        let hashes: Vec<Digest> = removable.get_untracked().iter().map(|(h, _)| *h).collect();
        spawn_local(async move {
            if let Ok(n) = registry.remove(&hashes).await {
                done.set(Some(n));
            }
        });
    };
    let delete_orphans = move |_| {
        if !confirm_orphans.get_untracked() {
            confirm_orphans.set(true);
            return;
        }
        confirm_orphans.set(false);
        let hashes: Vec<Digest> = orphans.get_untracked().iter().map(|(h, _)| *h).collect();
        let n = hashes.len();
        spawn_local(async move {
            if registry.forget(hashes).await.is_ok() {
                done.set(Some(n));
            }
        });
    };
    let total = |list: &[(Digest, u64)]| format_size(list.iter().map(|(_, s)| s).sum());
    view! {
        <section class="files-storage" aria-labelledby="files-storage-heading">
            <h3 id="files-storage-heading">{tr(Key::StorageFilesHeading)}</h3>
            <p class="files-usage">
                {move || {
                    let u = usage();
                    if u.files == 0 {
                        tr(Key::StorageFilesNone)().to_string()
                    } else {
                        fill(Key::StorageFilesUsage, &[("n", &u.files.to_string()), ("size", &format_size(u.bytes))])
                    }
                }}
            </p>
            <Show when=move || { usage().removed > 0 }>
                <p class="files-removed">{move || fill(Key::StorageFilesRemoved, &[("n", &usage().removed.to_string())])}</p>
            </Show>
            <Show when=move || removable.with(|r| !r.is_empty())>
                <p class="files-removable">
                    {move || removable.with(|r| fill(Key::StorageFilesRemovable, &[("n", &r.len().to_string()), ("size", &total(r))]))}
                </p>
                <button type="button" class="button-secondary files-remove-exported" on:click=remove>
                    {move || {
                        if confirm_remove.get() {
                            removable.with(|r| fill(Key::StorageFilesConfirm, &[("n", &r.len().to_string())]))
                        } else {
                            tr(Key::StorageFilesRemoveExported)().to_string()
                        }
                    }}
                </button>
            </Show>
            <Show when=move || orphans.with(|o| !o.is_empty())>
                <p class="files-orphans">
                    {move || orphans.with(|o| fill(Key::StorageFilesOrphans, &[("n", &o.len().to_string()), ("size", &total(o))]))}
                </p>
                <button type="button" class="button-secondary files-delete-orphans" on:click=delete_orphans>
                    {move || {
                        if confirm_orphans.get() {
                            orphans.with(|o| fill(Key::StorageFilesConfirm, &[("n", &o.len().to_string())]))
                        } else {
                            tr(Key::StorageFilesDeleteOrphans)().to_string()
                        }
                    }}
                </button>
            </Show>
            {move || done.get().map(|n| view! { <p class="notice notice-info files-done" role="status">{fill(Key::StorageFilesDone, &[("n", &n.to_string())])}</p> })}
        </section>
    }
}
