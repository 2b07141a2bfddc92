# Helpers the R reference scripts share (sourced by reference_survey.R, plan_breakdowns.R
# and plan_columns.R; not run on its own).

# 1 for survey's "Yes", else 0.
yn <- function(x) ifelse(!is.na(x) & x == "Yes", 1L, 0L)

# R's qrule_math with one fix: survey 4.1.1's helper last() returns 1 when no
# cumulative weight reaches p·total, so the rule returns the *second* value when
# the first one alone carries more than p of the weight. The definition
# min{x : F(x) >= p} (docs/indicators.md) gives the first; this is survey's own code
# with that one fallback changed.
qrule_math_fixed <- function(x, w, p) {
  keep <- w != 0
  x <- x[keep]; w <- w[keep]
  ii <- order(x)
  x <- x[ii]
  cumw <- cumsum(w[ii])
  below <- which(cumw <= p * sum(w))
  pos <- if (length(below)) max(below) else 0
  if (pos > 0 && p - cumw[pos] / sum(w) == 0) x[pos] else x[min(pos + 1, length(x))]
}

# The California API stratified sample (apistrat) in the workers.csv contract, with a
# professional title (snum mod 4) and the sample's fpc: the data of the survey plan's references.
apistrat_workers <- function(a) {
  data.frame(
    year = 2000L, worker_id = as.character(a$snum), enterprise_id = as.character(a$dnum), district = "黄浦",
    industry = c(E = "C", M = "G", H = "K")[as.character(a$stype)],
    employment_type = ifelse(yn(a$sch.wide) == 1, "regular", "dispatch"),
    sex = ifelse(yn(a$comp.imp) == 1, "M", "F"), age = as.integer(16 + a$snum %% 60),
    education = as.integer(1 + a$snum %% 5), hukou = ifelse(yn(a$awards) == 1, "local", "nonlocal"),
    skill_level = as.integer(pmin(5, a$meals %/% 17)), title = as.integer(a$snum %% 4), monthly_wage = a$api00,
    trained = 0L, housing_fund = 1L, social_insurance = 1L, labor_contract = 1L,
    weight = a$pw, stratum = as.character(a$stype), psu = as.character(a$snum), fpc = a$fpc,
    stringsAsFactors = FALSE)
}
