// The rule table. Placeholder until the first rule lands.
namespace ecslint::rules {}
