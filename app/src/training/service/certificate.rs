//! Certificates as uploaded files: at most 2 MB, a PDF, PNG or JPEG as its first
//! bytes say (never its name or the browser's claim), kept in the database beside
//! the enrolment and served back only to the person, their supervisor and HR, as a
//! download (never rendered inline by the browser).

use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::error::{AppError, FieldError};
use crate::i18n::K;
use crate::server::entities::{certificate, employee, enrolment};
use crate::server::{write_tx, Db};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;
use sha2::{Digest, Sha256};

/// The largest certificate file accepted, in bytes.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;

/// The media type of a file from its first bytes; None for anything else.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

/// A safe name to download the file under: the enrolment and the type's extension.
fn file_name(enrolment_id: i32, media_type: &str) -> String {
    let ext = match media_type {
        "application/pdf" => "pdf",
        "image/png" => "png",
        _ => "jpg",
    };
    format!("sertifikat-{enrolment_id}.{ext}")
}

/// HR stores the certificate of an enrolment (replacing an earlier one).
pub async fn attach(
    db: &Db,
    actor: &Actor,
    enrolment_id: i32,
    bytes: Vec<u8>,
) -> Result<(), AppError> {
    let agency = actor.hr_agency().ok_or(AppError::Forbidden)?;
    let field = |k: K| AppError::Validation(vec![FieldError::new("certificate", k)]);
    if bytes.len() > MAX_BYTES {
        return Err(AppError::Validation(vec![FieldError::new(
            "certificate",
            K::ErrTrCertSize,
        )
        .with("max", MAX_BYTES / (1024 * 1024))]));
    }
    let media_type = sniff(&bytes).ok_or_else(|| field(K::ErrTrCertType))?;
    let tx = write_tx(db).await?;
    let e = super::completion::hr_enrolment(&tx, agency, enrolment_id).await?;
    if e.status != crate::training::model::EnrolStatus::Passed {
        return Err(AppError::Conflict(crate::error::Msg::new(K::ErrTrState)));
    }
    certificate::Entity::delete_many()
        .filter(certificate::Column::EnrolmentId.eq(e.id))
        .exec(&tx)
        .await?;
    let sha256 = hex::encode(Sha256::digest(&bytes));
    let size = bytes.len() as i32;
    certificate::ActiveModel {
        agency_id: Set(agency),
        enrolment_id: Set(e.id),
        media_type: Set(media_type.into()),
        file_name: Set(file_name(e.id, media_type)),
        size: Set(size),
        sha256: Set(sha256.clone()),
        bytes: Set(bytes),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    let summary = json!({ "media_type": media_type, "size": size, "sha256": sha256 });
    audit::commit(tx, actor, agency, "attach", "certificate", e.id, summary).await?;
    Ok(())
}

/// The stored file of an enrolment, for its person, their supervisor or HR.
pub async fn read(
    db: &Db,
    actor: &Actor,
    enrolment_id: i32,
) -> Result<certificate::Model, AppError> {
    let e = enrolment::Entity::find_by_id(enrolment_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let allowed = actor.employee_id == Some(e.employee_id) || {
        match employee::Entity::find_by_id(e.employee_id).one(db).await? {
            Some(w) => super::enrol::decides(db, actor, &w).await?,
            None => false,
        }
    };
    if !allowed {
        return Err(AppError::Forbidden);
    }
    certificate::Entity::find()
        .filter(certificate::Column::EnrolmentId.eq(e.id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The file of an earlier attempt goes when the person starts again.
pub async fn forget(
    tx: &impl sea_orm::ConnectionTrait,
    earlier: Option<i32>,
) -> Result<(), AppError> {
    if let Some(id) = earlier {
        certificate::Entity::delete_many()
            .filter(certificate::Column::EnrolmentId.eq(id))
            .exec(tx)
            .await?;
    }
    Ok(())
}
