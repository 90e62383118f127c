//! What a job is and what its pages receive.

use crate::error::Msg;
use crate::i18n::K;
use serde::{Deserialize, Serialize};

crate::coded! {
    /// What a job does; its subject is the campaign it works on.
    pub enum JobKind {
        /// Builds a new campaign's rater lists.
        PrepareCampaign = "prepare_campaign" => K::JobKindPrepare,
        CloseCampaign = "close_campaign" => K::JobKindClose,
    }
}

crate::coded! {
    pub enum JobState {
        /// Waiting for a runner.
        Queued = "queued" => K::JobQueued,
        Running = "running" => K::JobRunning,
        Done = "done" => K::JobDone,
        /// Stopped on an error; its committed steps stand, and HR may retry it.
        Failed = "failed" => K::JobFailed,
    }
}

crate::coded! {
    /// Where a running job is, shown beside its bar.
    pub enum JobPhase {
        /// A new campaign's raters, a block of ratees per step.
        Raters = "raters" => K::JobPhaseRaters,
        /// Results, feedback and sealing, a block of ratees per step.
        Results = "results" => K::JobPhaseResults,
    }
}

impl JobState {
    /// Whether the job has stopped (a page stops polling it).
    pub fn finished(self) -> bool {
        matches!(self, JobState::Done | JobState::Failed)
    }
}

/// A job as its progress bar and the HR list show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobView {
    pub id: i32,
    pub kind: JobKind,
    /// The campaign the job works on, for a link, and its name.
    pub subject_id: Option<i32>,
    pub subject: Option<String>,
    pub state: JobState,
    pub phase: Option<JobPhase>,
    pub done: i64,
    pub total: i64,
    pub started_by: String,
    pub created_at: String,
    pub finished_at: Option<String>,
    /// Why it failed, safe to show (details stay in the server log).
    pub error: Option<Msg>,
}

impl JobView {
    /// Whole percent done, 0 when nothing is known yet.
    pub fn percent(&self) -> u8 {
        if self.state == JobState::Done {
            return 100;
        }
        if self.total <= 0 {
            return 0;
        }
        (self.done.clamp(0, self.total) * 100 / self.total) as u8
    }
}
