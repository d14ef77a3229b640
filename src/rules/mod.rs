//! Pattern rules that complement the dictionaries: dates, agreement instruments, government
//! bodies named by shape, and officials found by title. Each rule set is built once and
//! returns candidate mentions; the extractor arbitrates between them.

pub mod acronym_names;
pub mod agreements;
pub mod bodies;
pub mod dates;
pub mod inside_names;
pub mod names;
pub mod offices;
pub mod officials;
pub mod short_forms;
pub mod word_list;
