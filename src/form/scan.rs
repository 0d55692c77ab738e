//! The scanner: walks one part's blocks in reading order and builds forms.
//!
//! Owns the state that spans lines: which form and section we are in, the
//! current category heading, the category columns of the current table, and the
//! last marked item of each cell (for inheritance). Decisions per line come from
//! [`super::lines`] and [`super::items`]; this file only sequences them.

mod records;

use super::draft::{CategorySource, DraftForm, DraftItem, Origin};
use super::entities::split_entities;
use super::items::{split_marked, strip_bullet};
use super::lines::{self, HeaderField};
use super::table::{self, Role};
use crate::model::{Block, Cell, Part, PartKind, Table};
use crate::text::normalize;

/// Where inheritance is scoped: one table cell, or the body flow of a section.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Scope {
    Cell(usize, usize, usize),
    Body,
}

/// A non-blank cell of the row being scanned, with its whole text normalised.
struct RowCell<'a> {
    cell: &'a Cell,
    text: String,
}

/// Category columns of the current table: (first col, last col, category).
type Columns = Vec<(usize, usize, u8)>;

/// The column roles of the current table of records (DECISIONS 19–20).
struct Records {
    table: usize,
    roles: Vec<(usize, usize, Role)>,
    /// The section its header row stood in (None before the first heading).
    section: Option<u8>,
    /// No row has been read under the header row yet: the next one may be a
    /// second header row (DECISIONS 66).
    fresh: bool,
}

/// What came just before in the section: a continuation line (※, →) keeps
/// its categories (DECISIONS 26).
#[derive(Debug, Clone)]
enum Prev {
    Nothing,
    Heading(Vec<u8>),
    Item,
}

/// True when a cell's first line is a section heading and more lines follow.
fn opens_section(cell: &Cell) -> bool {
    cell.lines.len() > 1
        && cell
            .lines
            .first()
            .is_some_and(|l| lines::section_heading(&normalize(&l.text)).is_some())
}

/// A continuation line: a note or an arrow typed under an item or heading.
fn is_continuation(text: &str) -> bool {
    text.starts_with(['※', '→', '⇒', '➡', '↳'])
}

pub struct Scanner {
    sheet: Option<String>,
    pub forms: Vec<DraftForm>,
    heading: Option<Vec<u8>>,
    /// Text of the latest heading line whose dates/counts go to the next item.
    pending_heading_text: Option<String>,
    columns: Option<(usize, Columns)>,
    records: Option<Records>,
    last_marked: Option<(Scope, Vec<u8>)>,
    prev: Prev,
    /// The topic label of the table row being read (`医療と介護の連携について`),
    /// given to the row's items as their context (DECISIONS 63).
    row_topic: Option<String>,
}

impl Scanner {
    pub fn new(part: &Part) -> Self {
        let sheet = match &part.kind {
            PartKind::Sheet(name) => Some(name.clone()),
            PartKind::Body | PartKind::PageHeader => None,
        };
        Scanner {
            sheet,
            forms: Vec::new(),
            heading: None,
            pending_heading_text: None,
            columns: None,
            records: None,
            last_marked: None,
            prev: Prev::Nothing,
            row_topic: None,
        }
    }

    pub fn scan(mut self, part: &Part) -> Vec<DraftForm> {
        for block in &part.blocks {
            match block {
                Block::Paragraph(p) => {
                    for line in &p.lines {
                        let origin = match &self.sheet {
                            Some(s) => Origin::Sheet {
                                sheet: s.clone(),
                                row: 0,
                                col: 0,
                                paragraph: p.index,
                            },
                            None => Origin::Body { paragraph: p.index },
                        };
                        self.line(line, origin, Scope::Body, None);
                    }
                }
                Block::Table(t) => self.table(t),
            }
        }
        self.forms.retain(|f| f.has_content());
        self.forms
    }

    fn form(&mut self) -> &mut DraftForm {
        if self.forms.is_empty() {
            self.forms.push(DraftForm::default());
        }
        let n = self.forms.len();
        &mut self.forms[n - 1]
    }

    /// Start a new form when the current one already has sections (or a header, for header labels).
    fn boundary(&mut self, header_started: bool) {
        let need = match self.forms.last() {
            None => true,
            Some(f) => !f.sections.is_empty() || (header_started && f.has_header()),
        };
        if need {
            self.forms.push(DraftForm::default());
            self.reset_section_state();
            self.records = None;
        }
    }

    fn reset_section_state(&mut self) {
        self.heading = None;
        self.pending_heading_text = None;
        self.columns = None;
        self.last_marked = None;
        self.prev = Prev::Nothing;
    }

    fn origin(&self, t: &Table, cell: &Cell, paragraph: usize) -> Origin {
        match &self.sheet {
            Some(s) => Origin::Sheet {
                sheet: s.clone(),
                row: cell.row,
                col: cell.col,
                paragraph,
            },
            None => Origin::Table {
                table: t.index,
                row: cell.row,
                col: cell.col,
                paragraph,
            },
        }
    }

    fn table(&mut self, t: &Table) {
        if self.columns.as_ref().is_some_and(|(ti, _)| *ti != t.index) {
            self.columns = None;
        }
        if self.records.as_ref().is_some_and(|r| r.table != t.index) {
            self.records = None;
        }
        // Cells are ordered by (row, col): walk them row by row in one pass.
        for row_cells in t.cells.chunk_by(|a, b| a.row == b.row) {
            // Each cell's whole text, normalised once for every predicate of the row.
            let cells: Vec<RowCell> = row_cells
                .iter()
                .filter(|c| !c.is_blank())
                .map(|cell| RowCell {
                    cell,
                    text: normalize(&cell.text()),
                })
                .collect();
            if cells.is_empty() {
                continue;
            }
            if self.header_row(&cells) {
                self.records = None;
                continue;
            }
            // A section heading wins over every role: it opens its section
            // wherever it stands; a heading alone on its row ends the records.
            let mut rest = Vec::with_capacity(cells.len());
            let alone = cells.len() == 1;
            for c in cells {
                match lines::section_heading(&c.text) {
                    Some((n, heading)) => {
                        // A heading alone on its row ends the records, and so
                        // does one that opens another section than the one the
                        // records' header row stood in (a label cell beside
                        // the next section's text: DECISIONS 20). A label
                        // merged over the records of its own section, whose
                        // header came before any heading, keeps them.
                        let other = self
                            .records
                            .as_ref()
                            .is_some_and(|r| r.section.is_some_and(|s| s != n));
                        self.start_section(n, heading);
                        if alone || other {
                            self.records = None;
                        }
                    }
                    None => {
                        // One cell, one section: its first line opens a section,
                        // and the cell is read line by line (DECISIONS 27).
                        if opens_section(c.cell) {
                            self.records = None;
                        }
                        rest.push(c);
                    }
                }
            }
            if rest.is_empty() {
                continue;
            }
            let spans: Vec<(usize, usize, &str)> = rest
                .iter()
                .map(|c| (c.cell.col, c.cell.last_col(), c.text.as_str()))
                .collect();
            // `課題 | 対応・今後の方向性`: labels of columns of prose head
            // the table and are no items (DECISIONS 63).
            if table::is_prose_header(&spans) {
                self.records = None;
                continue;
            }
            // `区分` merged over a second header row of `① … ⑤`: the
            // sub-labels take the columns they stand in (DECISIONS 66).
            if let Some(r) = self.records.as_mut() {
                if std::mem::take(&mut r.fresh) {
                    if let Some(roles) = table::sub_header_roles(&r.roles, &spans) {
                        r.roles = roles;
                        continue;
                    }
                }
            }
            if let Some(roles) = table::header_roles(&spans).filter(|r| table::is_records(r)) {
                self.records = Some(Records {
                    table: t.index,
                    roles,
                    section: self.current_section(),
                    fresh: true,
                });
                self.columns = None;
                continue;
            }
            if self.records.is_some() {
                self.record_row(t, &rest);
            } else {
                self.row(t, &rest);
            }
        }
    }

    /// Header labels in a row: the value is the next non-empty cell to the right.
    fn header_row(&mut self, cells: &[RowCell]) -> bool {
        let mut found = false;
        let mut i = 0;
        while i < cells.len() {
            let text = &cells[i].text;
            if let Some(field) = lines::header_label(text) {
                if let Some(value) = cells.get(i + 1) {
                    // A value is never another label (`市町村名 | 取組内容 | …`
                    // heads a table of records, not a header).
                    let labelled = lines::header_label(&value.text).is_some()
                        || table::label_role(&value.text).is_some()
                        || table::is_prose_header(&[(0, 0, value.text.as_str())]);
                    if !labelled {
                        if field == HeaderField::TargetAreas {
                            self.boundary(true);
                            let at = (cells[i].cell.row, cells[i].cell.col);
                            self.form().anchor.get_or_insert(at);
                        }
                        let value = value
                            .cell
                            .lines
                            .iter()
                            .map(|l| normalize(&l.text))
                            .collect::<Vec<_>>()
                            .join("\n");
                        self.form().set_header(field, split_entities(&value));
                        found = true;
                        i += 2;
                        continue;
                    }
                }
            } else if let Some((field, value)) = lines::header_line(text) {
                if field == HeaderField::TargetAreas {
                    self.boundary(true);
                }
                self.form().set_header(field, split_entities(&value));
                found = true;
            }
            i += 1;
        }
        found
    }

    fn row(&mut self, t: &Table, cells: &[RowCell]) {
        // A category header row sets the columns of the current table.
        let cat_cells: Vec<(usize, usize, u8)> = cells
            .iter()
            .filter_map(|c| {
                lines::category_header_cell(&c.text).map(|n| (c.cell.col, c.cell.last_col(), n))
            })
            .collect();
        if cat_cells.len() >= 3 {
            for c in cells {
                if lines::category_header_cell(&c.text).is_none() {
                    self.cell(t, c);
                }
            }
            self.columns = Some((t.index, cat_cells));
            return;
        }
        // One row per marker: a first cell that is only a category heading heads the row.
        let mut row_heading = None;
        let mut rest = cells;
        if cells.len() >= 2 && self.current_section().is_some() {
            if let Some(cats) = lines::category_heading(&cells[0].text) {
                row_heading = Some((cats, cells[0].text.clone()));
                rest = &cells[1..];
            }
        }
        // A first cell that only labels the row's topic
        // (`医療と介護の連携について`) is no item: it is the context of the
        // items beside it (DECISIONS 63).
        if row_heading.is_none()
            && rest.len() >= 2
            && self.current_section().is_some()
            && table::is_topic_label(&rest[0].text)
        {
            self.row_topic = Some(rest[0].text.clone());
            rest = &rest[1..];
        }
        let saved = if let Some((cats, text)) = row_heading {
            let saved = self.heading.take();
            self.set_heading(cats, text);
            Some(saved)
        } else {
            None
        };
        // A row of one item and bare values beside it (`推進会議 | 6月・11月 |
        // 2回`) with no header row: the values are that item's dates and
        // counts, as in a table of records (DECISIONS 72).
        let (words, bare): (Vec<&RowCell>, Vec<&RowCell>) =
            rest.iter().partition(|c| !table::is_bare_value(&c.text));
        let one_record =
            words.len() == 1 && !bare.is_empty() && self.current_section().is_some_and(|s| s != 2);
        // Cells of a row that each become items, with no role for their
        // columns, are a table the program did not understand (the review).
        let mut producing = 0;
        let items_before = self.item_total();
        for c in rest {
            let before = self.item_total();
            self.cell(t, c);
            producing += usize::from(self.item_total() > before);
        }
        if one_record && self.item_total() == items_before + 1 {
            if let Some(item) = self.last_item_mut() {
                item.facts.extend(bare.iter().map(|c| c.text.clone()));
            }
        }
        if producing >= 2 && self.columns.is_none() && self.current_section() != Some(2) {
            self.form().observed.split_rows += 1;
        }
        if let Some(saved) = saved {
            self.heading = saved;
            self.pending_heading_text = None;
        }
        self.row_topic = None;
    }

    /// The item pushed last in the current form.
    fn last_item_mut(&mut self) -> Option<&mut DraftItem> {
        self.forms.last_mut()?.sections.last_mut()?.items.last_mut()
    }

    /// Items of the current form so far.
    fn item_total(&self) -> usize {
        self.forms
            .last()
            .map_or(0, |f| f.sections.iter().map(|s| s.items.len()).sum())
    }

    /// Text read inside a form but placed nowhere (the review counts it).
    pub(super) fn unplaced(&mut self, text: &str) {
        if let Some(f) = self.forms.last_mut() {
            f.observed.unplaced_chars += text.chars().filter(|c| !c.is_whitespace()).count();
        }
    }

    fn current_section(&self) -> Option<u8> {
        self.forms.last().and_then(|f| f.current)
    }

    fn cell(&mut self, t: &Table, rc: &RowCell) {
        let cell = rc.cell;
        // A whole cell that is a section heading (it may wrap over several lines).
        if let Some((n, heading)) = lines::section_heading(&rc.text) {
            self.start_section(n, heading);
            return;
        }
        let column = self.column_of(t, cell);
        let scope = Scope::Cell(t.index, cell.row, cell.col);
        for line in &cell.lines {
            let origin = self.origin(t, cell, line.paragraph);
            self.line(&line.text, origin, scope.clone(), column);
        }
    }

    fn column_of(&self, t: &Table, cell: &Cell) -> Option<u8> {
        let (ti, cols) = self.columns.as_ref()?;
        if *ti != t.index {
            return None;
        }
        let hits: Vec<u8> = cols
            .iter()
            .filter(|(a, b, _)| cell.col <= *b && cell.last_col() >= *a)
            .map(|c| c.2)
            .collect();
        match hits.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    fn start_section(&mut self, n: u8, heading: String) {
        if self
            .forms
            .last()
            .is_some_and(|f| f.sections.iter().any(|s| s.number >= n))
        {
            self.boundary(false);
        }
        self.form().start_section(n, heading);
        self.reset_section_state();
    }

    fn line(&mut self, raw: &str, origin: Origin, scope: Scope, column: Option<u8>) {
        let text = normalize(raw);
        if text.is_empty() {
            return;
        }
        if let Some(id) = lines::title_material_id(&text) {
            self.boundary(false);
            self.form().material_id = Some(id);
            return;
        }
        if lines::is_title(&text) {
            self.boundary(false);
            return;
        }
        if let Some(id) = lines::material_id(&text) {
            self.boundary(false);
            self.form().material_id = Some(id);
            return;
        }
        if let Some((field, value)) = lines::header_line(&text) {
            if field == HeaderField::TargetAreas {
                self.boundary(true);
            }
            self.form().set_header(field, split_entities(&value));
            return;
        }
        if let Some((n, heading)) = lines::section_heading(&text) {
            self.start_section(n, heading);
            return;
        }
        let Some(section) = self.current_section() else {
            if let Some(f) = self.forms.last_mut() {
                f.observed.preamble_chars += text.chars().filter(|c| !c.is_whitespace()).count();
            }
            return;
        };
        if lines::is_category_header_line(&text) || table::is_bare_value(&text) {
            return;
        }
        if section != 2 {
            if let Some(cats) = lines::category_heading(&text) {
                self.set_heading(cats, text);
                return;
            }
        }
        if section != 2 && is_continuation(&text) {
            if let Some(item) = self.continuation(&text, origin.clone()) {
                self.push(item);
                return;
            }
        }
        let pieces = if section == 2 {
            vec![super::items::Piece {
                markers: Vec::new(),
                text: strip_bullet(&text).trim().to_string(),
            }]
        } else {
            split_marked(&text)
        };
        for piece in pieces {
            let (categories, source) = if section == 2 {
                (Vec::new(), CategorySource::Classifier)
            } else if !piece.markers.is_empty() {
                self.last_marked = Some((scope.clone(), piece.markers.clone()));
                (piece.markers.clone(), CategorySource::Marker)
            } else if let Some(cats) = self
                .last_marked
                .as_ref()
                .filter(|(s, _)| *s == scope)
                .map(|(_, c)| c.clone())
            {
                (cats, CategorySource::Inherited)
            } else if let Some(h) = &self.heading {
                (h.clone(), CategorySource::Heading)
            } else if let Some(c) = column {
                (vec![c], CategorySource::Column)
            } else {
                (Vec::new(), CategorySource::Classifier)
            };
            if piece.text.is_empty() {
                continue;
            }
            let item = DraftItem::new(piece.text, categories, source, origin.clone());
            self.push(item);
        }
    }

    /// A category heading line: its categories pass to the items below it.
    fn set_heading(&mut self, cats: Vec<u8>, text: String) {
        self.heading = Some(cats.clone());
        self.pending_heading_text = Some(text);
        self.last_marked = None;
        self.prev = Prev::Heading(cats);
    }

    /// Add an item to the current section; a pending heading's text joins it.
    fn push(&mut self, mut item: DraftItem) {
        item.heading_text = self.pending_heading_text.take();
        item.context.clone_from(&self.row_topic);
        self.form().push_item(item);
        self.prev = Prev::Item;
    }

    /// A `※`/`→` line right under an item or a heading keeps its categories
    /// (`inherited`); an item decided by the classifier passes them on later.
    fn continuation(&mut self, text: &str, origin: Origin) -> Option<DraftItem> {
        // Arrows and ※ are not bullets (DECISIONS 2): they stay in the text.
        let body = text.trim().to_string();
        let (categories, follows) = match &self.prev {
            Prev::Nothing => return None,
            Prev::Heading(cats) => (cats.clone(), false),
            Prev::Item => {
                let last = self.forms.last()?.sections.last()?.items.last()?;
                let follows = last.follows || last.source == CategorySource::Classifier;
                (last.categories.clone(), follows)
            }
        };
        let mut item = DraftItem::new(body, categories, CategorySource::Inherited, origin);
        item.follows = follows;
        Some(item)
    }
}
