namespace ecslint {}
