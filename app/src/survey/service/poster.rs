//! A service unit's printable poster: its name and a QR code of its survey's address,
//! drawn here as SVG (no outside service sees the link).

use super::respond::unit_by_code;
use crate::error::{internal, AppError};
use crate::server::entities::agency;
use crate::server::Db;
use crate::survey::model::Poster;
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use sea_orm::EntityTrait;

/// `text` as a QR code in SVG (medium error correction: a poster gets scuffed).
pub fn qr_svg(text: &str) -> Result<String, AppError> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|e| internal(format!("QR code: {e}")))?;
    let image = code
        .render::<svg::Color>()
        .min_dimensions(320, 320)
        .quiet_zone(true)
        .build();
    // Drop the XML declaration: the SVG goes inside the page.
    Ok(match image.find("<svg") {
        Some(at) => image[at..].to_string(),
        None => image,
    })
}

/// The poster of active service unit `code`, its form at `origin` + `/skm/<code>`.
pub async fn poster(db: &Db, code: &str, origin: &str) -> Result<Poster, AppError> {
    let u = unit_by_code(db, code).await?;
    let a = agency::Entity::find_by_id(u.agency_id).one(db).await?;
    let url = format!("{}/skm/{}", origin.trim_end_matches('/'), u.code);
    Ok(Poster {
        qr_svg: qr_svg(&url)?,
        url,
        name: u.name,
        agency: a.map(|a| a.name).unwrap_or_default(),
    })
}
