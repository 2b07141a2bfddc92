# Reference estimates from R's survey package for breakdowns a survey plan adds
# (docs/plan.md, [breakdowns] add): title alone and title × sex.
#
# The California API stratified sample (apistrat) in the input contract, as
# scripts/r/reference_survey.R converts it, plus a professional title (snum mod 4);
# then, with survey's own functions on that very file, for every value of each
# added breakdown (domains as subsets of the full design, as svyby does):
# headcount (svytotal), share of all workers (svymean of the domain indicator,
# deff = TRUE) and mean monthly wage (svymean, deff = TRUE).
# Output: Tests/WorkforceKitTests/Fixtures/r-plan/apistrat/workers.csv, plan.toml and expected.csv.
# Run:    Rscript scripts/r/plan_breakdowns.R   (needs Debian's r-base-core and r-cran-survey)
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust", digits = 17)
args <- commandArgs(TRUE)
out <- if (length(args)) args[1] else "Tests/WorkforceKitTests/Fixtures/r-plan/apistrat"
dir.create(out, recursive = TRUE, showWarnings = FALSE)

data(api)
a <- apistrat
yn <- function(x) ifelse(!is.na(x) & x == "Yes", 1L, 0L)
d <- data.frame(
  year = 2000L, worker_id = as.character(a$snum), enterprise_id = as.character(a$dnum), district = "黄浦",
  industry = c(E = "C", M = "G", H = "K")[as.character(a$stype)],
  employment_type = ifelse(yn(a$sch.wide) == 1, "regular", "dispatch"),
  sex = ifelse(yn(a$comp.imp) == 1, "M", "F"), age = as.integer(16 + a$snum %% 60),
  education = as.integer(1 + a$snum %% 5), hukou = ifelse(yn(a$awards) == 1, "local", "nonlocal"),
  skill_level = as.integer(pmin(5, a$meals %/% 17)), title = as.integer(a$snum %% 4), monthly_wage = a$api00,
  trained = 0L, housing_fund = 1L, social_insurance = 1L, labor_contract = 1L,
  weight = a$pw, stratum = as.character(a$stype), psu = as.character(a$snum), fpc = a$fpc,
  stringsAsFactors = FALSE)
write.csv(d, file.path(out, "workers.csv"), row.names = FALSE, fileEncoding = "UTF-8", na = "")
writeLines(c("[breakdowns]", "add = [\"title\", \"title x sex\"]"), file.path(out, "plan.toml"))
d <- read.csv(file.path(out, "workers.csv"), fileEncoding = "UTF-8", stringsAsFactors = FALSE,
              colClasses = c(stratum = "character", psu = "character"))
d$one <- 1
d$title_x_sex <- paste(d$title, d$sex, sep = "/")
design <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, fpc = ~fpc, data = d, nest = TRUE)

rows <- list()
emit <- function(...) rows[[length(rows) + 1]] <<- data.frame(..., stringsAsFactors = FALSE)
for (by in c("title", "title_x_sex")) {
  for (value in sort(unique(as.character(d[[by]])))) {
    member <- as.character(d[[by]]) == value
    n <- sum(member)
    dom <- subset(design, member)
    t <- svytotal(~one, dom)
    emit(scope = "all", by = by, domain = value, indicator = "headcount", n = n,
         estimate = coef(t)[1], se = SE(t)[1], deff = NA)
    design_i <- update(design, indicator = as.numeric(member))
    m <- svymean(~indicator, design_i, deff = TRUE)
    emit(scope = "all", by = by, domain = value, indicator = "share", n = n,
         estimate = coef(m)[1], se = SE(m)[1], deff = deff(m)[1])
    m <- svymean(~monthly_wage, dom, deff = TRUE)
    emit(scope = "all", by = by, domain = value, indicator = "mean_wage", n = n,
         estimate = coef(m)[1], se = SE(m)[1], deff = if (n > 1) deff(m)[1] else NA)
  }
}
expected <- do.call(rbind, rows)
write.csv(expected, file.path(out, "expected.csv"), row.names = FALSE, na = "")
cat(nrow(expected), "reference rows written to", out, "\n")
