module.exports = eval("require")("../../examples/");
