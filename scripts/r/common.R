# Helpers the R reference scripts share (sourced by reference_survey.R, lonely_average.R,
# plan_breakdowns.R, plan_columns.R and plan_ratios.R; not run on its own).

# 1 for survey's "Yes", else 0.
yn <- function(x) ifelse(!is.na(x) & x == "Yes", 1L, 0L)

# R's qrule_math, min{x : F(x) >= p}, with two fixes.
# 1. survey 4.1.1's helper last() returns 1 when no cumulative weight reaches p·total, so
#    its rule returns the *second* value when the first one alone carries more than p of the
#    weight; the definition (docs/indicators.md) gives the first.
# 2. survey decides F(x) = p in floating point (cumw <= p*sum(w), then p - cumw/sum(w) == 0),
#    so an exact tie (equal weights, p·n whole) falls either way with the weights' scale; the
#    product decides it on exact sums (docs/estimation.md). Here F = p is recognised up to
#    1e-12, which on these data is where the exact sums tie.
qrule_math_fixed <- function(x, w, p) {
  keep <- w != 0
  x <- x[keep]; w <- w[keep]
  ii <- order(x)
  x <- x[ii]
  reached <- which(cumsum(w[ii]) / sum(w) >= p - 1e-12)
  if (length(reached)) x[min(reached)] else x[length(x)]
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

# A survey's rows in the workers.csv contract (reference_survey.R, lonely_average.R).
contract <- function(id, enterprise, stratum, psu, wage, weight, industry, sex, emp, age, edu, hukou, skill, fpc = NULL) {
  d <- data.frame(
    year = 2000L, worker_id = as.character(id), enterprise_id = as.character(enterprise),
    district = "黄浦", industry = industry, employment_type = emp, sex = sex, age = as.integer(age),
    education = as.integer(edu), hukou = hukou, skill_level = as.integer(skill), monthly_wage = wage,
    trained = 0L, housing_fund = 1L, social_insurance = 1L, labor_contract = 1L,
    weight = weight, stratum = as.character(stratum), psu = as.character(psu), stringsAsFactors = FALSE)
  if (!is.null(fpc)) d$fpc <- fpc
  d
}

api_contract <- function(a, stratum, psu, fpc = NULL) {
  contract(
    id = a$snum, enterprise = a$dnum, stratum = stratum, psu = psu, wage = a$api00, weight = a$pw,
    industry = c(E = "C", M = "G", H = "K")[as.character(a$stype)],
    sex = ifelse(yn(a$comp.imp) == 1, "M", "F"),
    emp = ifelse(yn(a$sch.wide) == 1, "regular", "dispatch"),
    age = 16 + a$snum %% 60, edu = 1 + a$snum %% 5,
    hukou = ifelse(yn(a$awards) == 1, "local", "nonlocal"),
    skill = pmin(5, a$meals %/% 17), fpc = fpc)
}

# The product's "industrial" scope, its breakdowns (by) and the published quantiles.
industrial <- c("B", "C", "D", "E", "G", "I")
age_band <- function(age) as.character(cut(age, c(0, 24, 34, 44, 54, Inf), labels = c("16-24", "25-34", "35-44", "45-54", "55+")))
by_vars <- c("all", "industry", "employment_type", "sex", "age_band", "education", "hukou", "skill_level")
probs <- c(0.1, 0.25, 0.5, 0.75, 0.9)

# The plan fixtures' street (街道) of each apistrat school: XJH/TLQ/HHL/KJ from the district
# number; every tenth school gives the street's Chinese name instead of its code, every 13th
# leaves it blank.
street_codes <- c("XJH", "TLQ", "HHL", "KJ")
street_names_zh <- c("徐家汇街道", "天平路街道", "湖南路街道", "康健新村街道")
street_written <- function(a) {
  written <- ifelse(a$snum %% 10 == 0, street_names_zh[1 + a$dnum %% 4], street_codes[1 + a$dnum %% 4])
  written[a$snum %% 13 == 0] <- ""
  written
}

# The plan fixtures' first lines: 90 % intervals, small-cell thresholds 3 and 5, the street declared.
street_plan_lines <- c(
  "[thresholds]",
  "confidence_level = 0.9",
  "suppress_below = 3",
  "low_n_below = 5",
  "",
  "[columns.street]",
  "type = \"category\"",
  "en = \"Street\"",
  "zh = \"街道\"",
  "codes = [\"XJH\", \"TLQ\", \"HHL\", \"KJ\"]",
  "",
  "[columns.street.labels]",
  paste0(street_codes, " = { en = \"", c("Xujiahui", "Tianping Road", "Hunan Road", "Kangjian"),
         "\", zh = \"", street_names_zh, "\" }"),
  ""
)

# A plan fixture's workers.csv as the product reads it: enrolment from its Chinese header 学生数,
# a street given by its Chinese name counted as its code, a blank street `not_given`.
read_street_workers <- function(path) {
  d <- read.csv(path, fileEncoding = "UTF-8", stringsAsFactors = FALSE,
                colClasses = c(stratum = "character", psu = "character", street = "character"),
                check.names = FALSE)
  d$enrollment <- d[["学生数"]]
  d$street <- ifelse(d$street %in% street_names_zh, street_codes[match(d$street, street_names_zh)], d$street)
  d$street[d$street == ""] <- "not_given"
  d
}
