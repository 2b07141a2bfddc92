# Reference estimates from R's survey package for what a survey plan adds beyond the
# contract (docs/plan.md): a declared category column (street) as a breakdown, alone and
# crossed with sex; bands of a declared number (enrolment); a rate of a declared yes/no
# column given on some rows only; a rate of a comparison; a mean of a declared number;
# quantiles of a declared number with Woodruff intervals; and thresholds other than the
# defaults (90 % intervals).
#
# The California API stratified sample (apistrat) in the input contract, as
# scripts/r/plan_breakdowns.R writes it, plus three columns the contract does not have:
#   street (街道)        XJH/TLQ/HHL/KJ from the district number; every tenth school gives
#                        the street's Chinese name instead of its code; every 13th leaves it blank;
#   pension_topup (企业年金) 1/0 from `both`; every 7th school leaves it blank;
#   学生数 (enrolment)    the school's enrolment, under its Chinese header.
# Then, with survey's own functions on that very file, domains as subsets of the full
# design (as svyby does): headcount (svytotal), share (svymean of the domain indicator,
# deff) and mean wage (svymean, deff, 90 % confint) for every value of street,
# enroll_band and street × sex; the two rates, the mean and the quartiles of enrolment
# (svyquantile, ci = TRUE, the "math" rule as scripts/r/reference_survey.R defines it) for
# all workers and each street.
# Output: Tests/WorkforceKitTests/Fixtures/r-plan/apistrat-columns/{workers.csv,plan.toml,expected.csv}
# Run:    Rscript scripts/r/plan_columns.R   (needs Debian's r-base-core and r-cran-survey)
suppressMessages(library(survey))
source(file.path(dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))[1])), "common.R"))
options(survey.lonely.psu = "adjust", digits = 17)
args <- commandArgs(TRUE)
out <- if (length(args)) args[1] else "Tests/WorkforceKitTests/Fixtures/r-plan/apistrat-columns"
dir.create(out, recursive = TRUE, showWarnings = FALSE)
level <- 0.90

data(api)
a <- apistrat
written <- street_written(a)
topup <- ifelse(a$snum %% 7 == 0, NA, yn(a$both))
d <- apistrat_workers(a)
d$street <- written
d$pension_topup <- topup
d$enrol <- a$enroll
names(d)[names(d) == "enrol"] <- "学生数"
write.csv(d, file.path(out, "workers.csv"), row.names = FALSE, fileEncoding = "UTF-8", na = "")
writeLines(c(
  street_plan_lines,
  "[columns.pension_topup]",
  "type = \"flag\"",
  "en = \"Enterprise pension top-up\"",
  "zh = \"企业年金\"",
  "",
  "[columns.enrollment]",
  "type = \"number\"",
  "en = \"Enrolment\"",
  "zh = \"学生数\"",
  "min = 0",
  "max = 10000",
  "",
  "[bands.enroll_band]",
  "column = \"enrollment\"",
  "edges = [300, 600, 900]",
  "",
  "[breakdowns]",
  "add = [\"street\", \"enroll_band\", \"street x sex\"]",
  "",
  "[rates.topup_rate]",
  "en = \"Share with an enterprise pension top-up\"",
  "zh = \"享有企业年金的比例\"",
  "when = \"pension_topup\"",
  "",
  "[rates.large_school]",
  "en = \"Share in schools of more than 700\"",
  "zh = \"学生数超过700的比例\"",
  "when = \"enrollment > 700\"",
  "",
  "[means.mean_enrollment]",
  "column = \"enrollment\"",
  "en = \"Mean enrolment\"",
  "zh = \"平均学生数\"",
  "unit = { en = \"pupils\", zh = \"人\" }",
  "",
  "[quantiles.enrollment_q]",
  "column = \"enrollment\"",
  "probabilities = [0.25, 0.5, 0.75]",
  "en = \"Enrolment\"",
  "zh = \"学生数\""), file.path(out, "plan.toml"))

d <- read_street_workers(file.path(out, "workers.csv"))
d$one <- 1
band <- function(x) ifelse(x < 300, "<300", ifelse(x < 600, "[300,600)", ifelse(x < 900, "[600,900)", ">=900")))
d$enroll_band <- band(d$enrollment)
d$street_x_sex <- paste(d$street, d$sex, sep = "/")
d$large <- as.numeric(d$enrollment > 700)
design <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, fpc = ~fpc, data = d, nest = TRUE)

rows <- list()
emit <- function(by, value, indicator, n, est, deff = NA) {
  ci <- confint(est, level = level)
  rows[[length(rows) + 1]] <<- data.frame(
    scope = "all", by = by, domain = value, indicator = indicator, n = n, estimate = coef(est)[1],
    se = SE(est)[1], ci_low = ci[1, 1], ci_high = ci[1, 2], deff = deff, stringsAsFactors = FALSE)
}
for (by in c("street", "enroll_band", "street_x_sex")) {
  for (value in sort(unique(as.character(d[[by]])))) {
    member <- as.character(d[[by]]) == value
    n <- sum(member)
    dom <- subset(design, member)
    emit(by, value, "headcount", n, svytotal(~one, dom))
    design_i <- update(design, indicator = as.numeric(member))
    m <- svymean(~indicator, design_i, deff = TRUE)
    emit(by, value, "share", n, m, deff(m)[1])
    m <- svymean(~monthly_wage, dom, deff = TRUE)
    emit(by, value, "mean_wage", n, m, if (n > 1) deff(m)[1] else NA)
  }
}
for (by in c("all", "street")) {
  values <- if (by == "all") "all" else sort(unique(d$street))
  for (value in values) {
    member <- if (by == "all") rep(TRUE, nrow(d)) else d$street == value
    given <- member & !is.na(d$pension_topup)
    m <- svymean(~pension_topup, subset(design, given), deff = TRUE)
    emit(by, value, "topup_rate", sum(given), m, if (sum(given) > 1) deff(m)[1] else NA)
    m <- svymean(~large, subset(design, member), deff = TRUE)
    emit(by, value, "large_school", sum(member), m, if (sum(member) > 1) deff(m)[1] else NA)
    m <- svymean(~enrollment, subset(design, member), deff = TRUE)
    emit(by, value, "mean_enrollment", sum(member), m, if (sum(member) > 1) deff(m)[1] else NA)
    probs <- c(0.25, 0.5, 0.75)
    q <- svyquantile(~enrollment, subset(design, member), probs, ci = TRUE, alpha = 1 - level,
                     qrule = qrule_math_fixed)[[1]]
    for (k in seq_along(probs)) {
      rows[[length(rows) + 1]] <- data.frame(
        scope = "all", by = by, domain = value, indicator = sprintf("enrollment_q_p%d", round(100 * probs[k])),
        n = sum(member), estimate = q[k, 1], se = q[k, 4], ci_low = q[k, 2], ci_high = q[k, 3], deff = NA,
        stringsAsFactors = FALSE)
    }
  }
}
expected <- do.call(rbind, rows)
write.csv(expected, file.path(out, "expected.csv"), row.names = FALSE, na = "")
cat(nrow(expected), "reference rows written to", out, "\n")
