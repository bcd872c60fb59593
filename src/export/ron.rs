//! RON, the lossless export: what notebooks load (Rust's `ron` crate, Python's `pyron.load`)
//! and what `gazegraph export` and `gazegraph merge` read back ([`crate::graph::document::read`]).

use std::fmt;
use std::io::Write;

use serde::ser::{self, Serialize, Serializer};

use crate::graph::GraphDocument;

/// The document as pretty RON. Struct names are left out (Python's reader drops them
/// anyway) and every enum-like value is a string, so nothing is lost in either language.
/// Streamed into `out`.
///
/// The bytes are those of `ron`'s own escaping pretty printer (`PrettyConfig` with
/// `struct_names(false)` and an indentor of two spaces; the tests compare them), written
/// by a serializer of our own: `ron`'s escapes strings one character at a time and goes
/// through its general configuration for every token, which made RON the slowest export;
/// this one takes about a quarter of the time (BENCHMARKS.md, issue #14: the slices of
/// `build --slice` are RON, twice the bytes of the whole graph).
pub(crate) fn write_ron<W: Write>(document: &GraphDocument, out: &mut W) -> std::io::Result<()> {
    write_pretty(document, &mut *out)?;
    out.write_all(b"\n")
}

/// Any value as `ron`'s pretty printer writes it (without the final newline).
fn write_pretty<T: Serialize + ?Sized, W: Write>(value: &T, out: W) -> std::io::Result<()> {
    let mut pretty = Pretty {
        out,
        indent: 0,
        is_empty: None,
    };
    value.serialize(&mut pretty).map_err(|e| match e {
        Error::Io(e) => e,
        Error::Custom(message) => std::io::Error::other(message),
    })
}

/// Where `ron`'s escaping (`char::escape_debug`) first changes a character of `s`, if it
/// changes any; if not, the escaped and unescaped forms of `s` are the same `"s"`.
fn first_escape(s: &str) -> Option<usize> {
    let special = |b: u8| !matches!(b, b' '..=b'~') || matches!(b, b'"' | b'\'' | b'\\');
    let mut from = 0;
    loop {
        let bytes = &s.as_bytes()[from..];
        // Chunks without a special byte are skipped whole: the test has no branch per byte,
        // so it is vectorised (evidence texts are long, and mostly plain).
        let plain = bytes
            .chunks_exact(32)
            .take_while(|chunk| !chunk.iter().fold(false, |any, &b| any | special(b)))
            .count();
        let at = from + plain * 32;
        let i = at + s.as_bytes()[at..].iter().position(|&b| special(b))?;
        let c = s[i..].chars().next().expect("a character starts at i");
        if c.is_ascii() || c.escape_debug().len() != 1 {
            return Some(i);
        }
        from = i + c.len_utf8();
    }
}

/// A write error, or a value that cannot be written.
#[derive(Debug)]
enum Error {
    Io(std::io::Error),
    Custom(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => e.fmt(f),
            Error::Custom(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Error {
        Error::Custom(message.to_string())
    }
}

type Result<T = ()> = std::result::Result<T, Error>;

/// `ron`'s pretty printer in the configuration above: its state is the depth and whether
/// the compound just opened is empty (then `[]`, `()` or `{}` stay on one line).
struct Pretty<W> {
    out: W,
    indent: usize,
    is_empty: Option<bool>,
}

impl<W: Write> Pretty<W> {
    #[inline]
    fn put(&mut self, s: &str) -> Result {
        self.out.write_all(s.as_bytes()).map_err(Error::Io)
    }

    /// Opens a compound whose length is `len` if known.
    fn open(&mut self, bracket: &str, len: Option<usize>) -> Result {
        self.put(bracket)?;
        if let Some(len) = len {
            self.is_empty = Some(len == 0);
        }
        self.indent += 1;
        if !self.is_empty.unwrap_or(false) {
            self.put("\n")?;
        }
        Ok(())
    }

    /// Two spaces a level, written a run at a time rather than two spaces at a time.
    fn indentation(&mut self, levels: usize) -> Result {
        const SPACES: &str = "                                ";
        let mut width = 2 * levels;
        while width > 0 {
            let run = width.min(SPACES.len());
            self.put(&SPACES[..run])?;
            width -= run;
        }
        Ok(())
    }

    /// A field name or variant, `r#`-prefixed where a bare one would not read back.
    fn identifier(&mut self, name: &str) -> Result {
        let identifier = match name.as_bytes() {
            // An ASCII name (every field name of a document) needs no Unicode table.
            [first, rest @ ..] if name.is_ascii() => {
                (first.is_ascii_alphabetic() || *first == b'_')
                    && rest.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'_')
            }
            _ => {
                let mut chars = name.chars();
                chars
                    .next()
                    .is_some_and(|c| c == '_' || unicode_ident::is_xid_start(c))
                    && chars.all(unicode_ident::is_xid_continue)
            }
        };
        let bare = identifier
            && ![
                "true", "false", "Some", "None", "inf", "inff32", "inff64", "NaN", "NaNf32",
                "NaNf64",
            ]
            .contains(&name);
        if !bare {
            self.put("r#")?;
        }
        self.put(name)
    }

    fn display(&mut self, value: impl fmt::Display) -> Result {
        write!(self.out, "{value}").map_err(Error::Io)
    }

    fn float(&mut self, value: impl fmt::Debug, negative_nan: bool) -> Result {
        if negative_nan {
            self.put("-")?;
        }
        write!(self.out, "{value:?}").map_err(Error::Io)
    }
}

/// The items of a compound: each on its own line and followed by a comma, or, for tuples,
/// on one line separated by `, `.
struct Compound<'a, W> {
    ser: &'a mut Pretty<W>,
    first: bool,
    /// Items on one line: a tuple.
    inline: bool,
    close: &'static str,
}

impl<'a, W: Write> Compound<'a, W> {
    fn block(
        ser: &'a mut Pretty<W>,
        open: &str,
        len: Option<usize>,
        close: &'static str,
    ) -> Result<Self> {
        ser.open(open, len)?;
        Ok(Compound {
            ser,
            first: true,
            inline: false,
            close,
        })
    }

    fn tuple(ser: &'a mut Pretty<W>) -> Result<Self> {
        ser.put("(")?;
        Ok(Compound {
            ser,
            first: true,
            inline: true,
            close: ")",
        })
    }

    /// Starts the next item.
    fn item(&mut self) -> Result {
        match (std::mem::replace(&mut self.first, false), self.inline) {
            (true, true) => Ok(()),
            (true, false) => self.ser.indentation(self.ser.indent),
            (false, true) => self.ser.put(", "),
            (false, false) => {
                self.ser.put(",\n")?;
                self.ser.indentation(self.ser.indent)
            }
        }
    }

    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        value.serialize(&mut *self.ser)
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result {
        self.item()?;
        self.ser.identifier(key)?;
        self.ser.put(": ")?;
        self.value(value)
    }

    fn end(self) -> Result {
        if !self.inline {
            if !self.first {
                self.ser.put(",\n")?;
            }
            if !self.ser.is_empty.unwrap_or(false) {
                self.ser.indentation(self.ser.indent - 1)?;
            }
            self.ser.indent -= 1;
            self.ser.is_empty = None;
        }
        self.ser.put(self.close)
    }
}

/// Implements the methods of a compound serializer trait.
macro_rules! compound {
    ($($trait:ident { $($method:ident($($key:ident: $key_ty:ty),*) => $how:ident;)* })*) => {$(
        impl<W: Write> ser::$trait for Compound<'_, W> {
            type Ok = ();
            type Error = Error;
            $(
                fn $method<T: Serialize + ?Sized>(&mut self, $($key: $key_ty,)* value: &T) -> Result {
                    self.$how($($key,)* value)
                }
            )*
            fn end(self) -> Result {
                Compound::end(self)
            }
        }
    )*};
}

impl<W: Write> Compound<'_, W> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.item()?;
        self.value(value)
    }

    fn map_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.ser.put(": ")?;
        self.value(value)
    }
}

compound! {
    SerializeSeq { serialize_element() => element; }
    SerializeTuple { serialize_element() => element; }
    SerializeTupleStruct { serialize_field() => element; }
    SerializeTupleVariant { serialize_field() => element; }
    SerializeMap { serialize_key() => element; serialize_value() => map_value; }
    SerializeStruct { serialize_field(key: &'static str) => field; }
    SerializeStructVariant { serialize_field(key: &'static str) => field; }
}

/// Writes a scalar with its `Display`.
macro_rules! display {
    ($($method:ident($ty:ty);)*) => {$(
        fn $method(self, v: $ty) -> Result {
            self.display(v)
        }
    )*};
}

impl<'a, W: Write> Serializer for &'a mut Pretty<W> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, W>;
    type SerializeTuple = Compound<'a, W>;
    type SerializeTupleStruct = Compound<'a, W>;
    type SerializeTupleVariant = Compound<'a, W>;
    type SerializeMap = Compound<'a, W>;
    type SerializeStruct = Compound<'a, W>;
    type SerializeStructVariant = Compound<'a, W>;

    display! {
        serialize_bool(bool);
        serialize_i8(i8);
        serialize_i16(i16);
        serialize_i32(i32);
        serialize_i64(i64);
        serialize_i128(i128);
        serialize_u8(u8);
        serialize_u16(u16);
        serialize_u32(u32);
        serialize_u64(u64);
        serialize_u128(u128);
    }

    fn serialize_f32(self, v: f32) -> Result {
        self.float(v, v.is_nan() && v.is_sign_negative())
    }

    fn serialize_f64(self, v: f64) -> Result {
        self.float(v, v.is_nan() && v.is_sign_negative())
    }

    fn serialize_char(self, v: char) -> Result {
        self.put("'")?;
        if matches!(v, '\\' | '\'') {
            self.put("\\")?;
        }
        self.put(v.encode_utf8(&mut [0; 4]))?;
        self.put("'")
    }

    fn serialize_str(self, v: &str) -> Result {
        self.put("\"")?;
        // Runs of characters that stay as they are are copied whole.
        let mut rest = v;
        while let Some(i) = first_escape(rest) {
            let c = rest[i..].chars().next().expect("a character starts at i");
            self.put(&rest[..i])?;
            for e in c.escape_debug() {
                self.put(e.encode_utf8(&mut [0; 4]))?;
            }
            rest = &rest[i + c.len_utf8()..];
        }
        self.put(rest)?;
        self.put("\"")
    }

    fn serialize_bytes(self, v: &[u8]) -> Result {
        self.put("b\"")?;
        self.out
            .write_all(&v.escape_ascii().collect::<Vec<u8>>())
            .map_err(Error::Io)?;
        self.put("\"")
    }

    fn serialize_none(self) -> Result {
        self.put("None")
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        self.put("Some(")?;
        value.serialize(&mut *self)?;
        self.put(")")
    }

    fn serialize_unit(self) -> Result {
        self.put("()")
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.put("()")
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result {
        self.identifier(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result {
        self.put("(")?;
        value.serialize(&mut *self)?;
        self.put(")")
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        self.identifier(variant)?;
        self.serialize_newtype_struct("", value)
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Compound<'a, W>> {
        Compound::block(self, "[", len, "]")
    }

    fn serialize_tuple(self, _len: usize) -> Result<Compound<'a, W>> {
        Compound::tuple(self)
    }

    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a, W>> {
        Compound::tuple(self)
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, W>> {
        self.identifier(variant)?;
        Compound::tuple(self)
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Compound<'a, W>> {
        Compound::block(self, "{", len, "}")
    }

    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a, W>> {
        Compound::block(self, "(", Some(len), ")")
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a, W>> {
        self.identifier(variant)?;
        Compound::block(self, "(", Some(len), ")")
    }
}

#[cfg(test)]
mod tests;
